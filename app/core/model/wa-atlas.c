/* wa-atlas.c: an opened data pack. Everything but the postcodes is read
 * into memory at open; postcodes stay on disk behind the pack's index. */
#include <inttypes.h>
#include "ward-atlas-core.h"
#include "wa-gdal-util.h"
#include "wa-pack.h"
#include "wa-asset.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#define GRID_CELL_DEGREES 0.05
#define N_AREA_KINDS 3

/* One geometry level: which zooms it serves and a geometry per item
 * (NULL where the item has none at this level). */
typedef struct {
  int min_zoom;
  int max_zoom;
  GPtrArray *geometries;   /* WaGeometry* or NULL, by item index */
} Level;

struct _WaAtlas
{
  GObject parent_instance;

  char *path;
  GDALDatasetH dataset;      /* kept open for postcode queries */
  OGRLayerH postcodes;       /* NULL when the pack has none */
  WaEdition edition;
  GHashTable *metadata;      /* key -> value */
  GPtrArray *sources;        /* WaSourceInfo* */

  GListStore *ward_store;
  GPtrArray *wards;          /* WaWard*, same order */
  GHashTable *ward_by_code;  /* code -> WaWard* (borrowed) */
  guint n_ranked[WA_N_INDICATORS];
  char *notes[WA_N_INDICATORS];
  WaBBox extent;
  WaSpatialIndex *grid;
  GArray *ward_levels;       /* Level; the full level is not stored here */

  GPtrArray *areas[N_AREA_KINDS];      /* WaArea* */
  GArray *area_levels[N_AREA_KINDS];   /* Level */
  GPtrArray *places;         /* WaPlace* */
  WaAssets *assets;          /* see wa-asset.c */

  WaRankParams rank_params;
};

G_DEFINE_FINAL_TYPE (WaAtlas, wa_atlas, G_TYPE_OBJECT)

enum {
  RANKS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *area_layers[N_AREA_KINDS] = {
  WA_PACK_LAYER_LADS, WA_PACK_LAYER_REGIONS, WA_PACK_LAYER_LAND,
};

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

static void
area_free (gpointer data)
{
  WaArea *area = data;

  g_free (area->code);
  g_free (area->name);
  g_free (area->region_code);
  g_free (area->region_name);
  g_clear_pointer (&area->geometry, wa_geometry_unref);
  g_free (area);
}

static void
place_free (gpointer data)
{
  WaPlace *place = data;

  g_free (place->name);
  g_free (place->district);
  g_free (place);
}

void
wa_postcode_hit_free (WaPostcodeHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->postcode);
  g_free (hit);
}

/* Levels have no geometry for some items. */
static void
geometry_unref_nullable (gpointer data)
{
  if (data != NULL)
    wa_geometry_unref (data);
}

static void
level_clear (gpointer data)
{
  Level *level = data;

  g_clear_pointer (&level->geometries, g_ptr_array_unref);
}

static GArray *
level_array_new (void)
{
  GArray *levels = g_array_new (FALSE, TRUE, sizeof (Level));

  g_array_set_clear_func (levels, level_clear);
  return levels;
}

/* ---- GObject ------------------------------------------------------------ */

static void
wa_atlas_finalize (GObject *object)
{
  WaAtlas *self = WA_ATLAS (object);

  g_clear_pointer (&self->assets, wa_assets_free);
  g_free (self->path);
  if (self->dataset != NULL)
    GDALClose (self->dataset);
  g_clear_pointer (&self->metadata, g_hash_table_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_object (&self->ward_store);
  g_clear_pointer (&self->wards, g_ptr_array_unref);
  g_clear_pointer (&self->ward_by_code, g_hash_table_unref);
  for (guint i = 0; i < WA_N_INDICATORS; i++)
    g_free (self->notes[i]);
  g_clear_pointer (&self->grid, wa_spatial_index_free);
  g_clear_pointer (&self->ward_levels, g_array_unref);
  for (guint k = 0; k < N_AREA_KINDS; k++)
    {
      g_clear_pointer (&self->areas[k], g_ptr_array_unref);
      g_clear_pointer (&self->area_levels[k], g_array_unref);
    }
  g_clear_pointer (&self->places, g_ptr_array_unref);

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
}

static void
wa_atlas_init (WaAtlas *self)
{
  self->metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->sources = g_ptr_array_new_with_free_func (source_info_free);
  self->ward_store = g_list_store_new (WA_TYPE_WARD);
  self->wards = g_ptr_array_new_with_free_func (g_object_unref);
  self->ward_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->ward_levels = level_array_new ();
  for (guint k = 0; k < N_AREA_KINDS; k++)
    {
      self->areas[k] = g_ptr_array_new_with_free_func (area_free);
      self->area_levels[k] = level_array_new ();
    }
  self->places = g_ptr_array_new_with_free_func (place_free);
  wa_bbox_init_empty (&self->extent);
  wa_rank_params_init (&self->rank_params);
}

/* ---- reading helpers ---------------------------------------------------- */

static OGRLayerH
get_layer (WaAtlas *self, const char *name, gboolean required, GError **error)
{
  OGRLayerH layer = GDALDatasetGetLayerByName (self->dataset, name);

  if (layer == NULL && required)
    g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                 _("%s: the pack has no “%s” layer; rebuild it with “ward-atlas-cli build-pack”"),
                 self->path, name);
  return layer;
}

/* Field index, or -1 (with error only when required). */
static int
field_index (WaAtlas *self, OGRLayerH layer, const char *column, gboolean required,
             GError **error)
{
  int index = OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), column);

  if (index < 0 && required)
    g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                 _("%s: layer “%s” has no column “%s”"),
                 self->path, OGR_L_GetName (layer), column);
  return index;
}

static char *
dup_field (OGRFeatureH feature, int index)
{
  return index >= 0 ? g_strdup (wa_gdal_field_string (feature, index)) : NULL;
}

static double
get_double (OGRFeatureH feature, int index)
{
  if (index < 0 || !OGR_F_IsFieldSetAndNotNull (feature, index))
    return NAN;
  return OGR_F_GetFieldAsDouble (feature, index);
}

static gint64
get_int (OGRFeatureH feature, int index, gint64 missing)
{
  if (index < 0 || !OGR_F_IsFieldSetAndNotNull (feature, index))
    return missing;
  return OGR_F_GetFieldAsInteger64 (feature, index);
}

/* NULL (no error) for a feature without geometry. */
static WaGeometry *
feature_geometry (WaAtlas *self, OGRFeatureH feature, const char *layer, GError **error)
{
  OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
  g_autoptr(GError) local_error = NULL;
  WaGeometry *result;

  if (geometry == NULL || OGR_G_IsEmpty (geometry))
    return NULL;
  result = wa_geometry_new_from_ogr (geometry, &local_error);
  if (result == NULL)
    g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                 _("%s: layer “%s”, feature %" PRId64 ": %s"),
                 self->path, layer, (gint64) OGR_F_GetFID (feature), local_error->message);
  return result;
}

/* ---- metadata, sources, indicators ------------------------------------- */

static gboolean
read_metadata (WaAtlas *self, GError **error)
{
  g_autoptr(GHashTable) seen = NULL;
  OGRLayerH layer = get_layer (self, WA_PACK_LAYER_METADATA, FALSE, NULL);
  OGRFeatureH feature;
  const char *version, *edition;
  int key, value;

  /* Some other GeoPackage (a boundary file, a QGIS project's data). */
  if (layer == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_SCHEMA,
                   _("%s: not a Ward Atlas pack: it has no “%s” layer"),
                   self->path, WA_PACK_LAYER_METADATA);
      return FALSE;
    }
  if ((key = field_index (self, layer, WA_PACK_META_KEY, TRUE, error)) < 0
      || (value = field_index (self, layer, WA_PACK_META_VALUE, TRUE, error)) < 0)
    return FALSE;
  OGR_L_ResetReading (layer);
  while ((feature = wa_gdal_next_feature (layer, &seen)) != NULL)
    {
      char *k = dup_field (feature, key);

      if (k != NULL)
        g_hash_table_replace (self->metadata, k, dup_field (feature, value));
      OGR_F_Destroy (feature);
    }

  version = g_hash_table_lookup (self->metadata, WA_PACK_META_SCHEMA_VERSION);
  if (version != NULL && g_ascii_strtoll (version, NULL, 10) > WA_PACK_SCHEMA_VERSION)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_SCHEMA,
                   _("%s: the pack has schema version %s, newer than version %d that this version "
                     "of Ward Atlas reads; update Ward Atlas, or build the pack again with this "
                     "version's “ward-atlas-cli build-pack”"),
                   self->path, version, WA_PACK_SCHEMA_VERSION);
      return FALSE;
    }
  if (version == NULL || g_strcmp0 (version, G_STRINGIFY (WA_PACK_SCHEMA_VERSION)) != 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_SCHEMA,
                   _("%s: the pack has schema version %s, but this version of Ward Atlas reads "
                     "version %d; rebuild it with “ward-atlas-cli build-pack”"),
                   self->path, version != NULL ? version : _("(none)"), WA_PACK_SCHEMA_VERSION);
      return FALSE;
    }
  edition = g_hash_table_lookup (self->metadata, WA_PACK_META_EDITION);
  if (edition == NULL || !wa_edition_from_string (edition, &self->edition))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_SCHEMA,
                   _("%s: the pack names an unknown edition “%s”"),
                   self->path, edition != NULL ? edition : "");
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_sources (WaAtlas *self, GError **error)
{
  g_autoptr(GHashTable) seen = NULL;
  static const char *columns[] = {
    WA_PACK_SRC_ID, WA_PACK_SRC_ROLE, WA_PACK_SRC_TITLE, WA_PACK_SRC_FILE,
    WA_PACK_SRC_PUBLISHER, WA_PACK_SRC_URL, WA_PACK_SRC_LICENCE, WA_PACK_SRC_ATTRIBUTION,
  };
  OGRLayerH layer = get_layer (self, WA_PACK_LAYER_SOURCES, TRUE, error);
  int index[G_N_ELEMENTS (columns)];
  int records;
  OGRFeatureH feature;

  if (layer == NULL)
    return FALSE;
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    if ((index[c] = field_index (self, layer, columns[c], c < 2, error)) < 0 && c < 2)
      return FALSE;
  records = field_index (self, layer, WA_PACK_SRC_RECORDS, FALSE, NULL);

  OGR_L_ResetReading (layer);
  while ((feature = wa_gdal_next_feature (layer, &seen)) != NULL)
    {
      WaSourceInfo *info = g_new0 (WaSourceInfo, 1);
      char **fields[] = {
        &info->id, &info->role, &info->title, &info->file,
        &info->publisher, &info->url, &info->licence, &info->attribution,
      };

      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        *fields[c] = dup_field (feature, index[c]);
      info->records = get_int (feature, records, -1);
      g_ptr_array_add (self->sources, info);
      OGR_F_Destroy (feature);
    }
  return TRUE;
}

static void
read_indicators (WaAtlas *self)
{
  g_autoptr(GHashTable) seen = NULL;
  OGRLayerH layer = get_layer (self, WA_PACK_LAYER_INDICATORS, FALSE, NULL);
  OGRFeatureH feature;
  int id, n_ranked, note;

  if (layer == NULL)
    return;
  id = field_index (self, layer, WA_PACK_IND_ID, FALSE, NULL);
  n_ranked = field_index (self, layer, WA_PACK_IND_N_RANKED, FALSE, NULL);
  note = field_index (self, layer, WA_PACK_IND_SOURCE_NOTE, FALSE, NULL);
  if (id < 0)
    return;
  OGR_L_ResetReading (layer);
  while ((feature = wa_gdal_next_feature (layer, &seen)) != NULL)
    {
      WaIndicator indicator;

      if (wa_indicator_from_id (wa_gdal_field_string (feature, id), &indicator))
        {
          gint64 n = get_int (feature, n_ranked, 0);

          self->n_ranked[indicator] = (guint) CLAMP (n, 0, G_MAXUINT);
          g_free (self->notes[indicator]);
          self->notes[indicator] = dup_field (feature, note);
        }
      OGR_F_Destroy (feature);
    }
}

/* ---- wards -------------------------------------------------------------- */

typedef struct {
  int score, rank, decile, extent, proportion, source;
} FigureColumns;

static void
figure_columns (WaAtlas *self, OGRLayerH layer, FigureColumns *out)
{
  for (guint i = 0; i < WA_N_INDICATORS; i++)
    {
      const char *id = wa_indicator_id (i);
      struct { int *index; const char *suffix; } parts[] = {
        { &out[i].score, WA_PACK_SUFFIX_SCORE },
        { &out[i].rank, WA_PACK_SUFFIX_RANK },
        { &out[i].decile, WA_PACK_SUFFIX_DECILE },
        { &out[i].extent, WA_PACK_SUFFIX_EXTENT },
        { &out[i].proportion, WA_PACK_SUFFIX_PROPORTION },
        { &out[i].source, WA_PACK_SUFFIX_SOURCE },
      };

      for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
        {
          g_autofree char *column = g_strdup_printf ("%s_%s", id, parts[p].suffix);
          *parts[p].index = field_index (self, layer, column, FALSE, NULL);
        }
    }
}

static void
read_figures (WaWard *ward, OGRFeatureH feature, const FigureColumns *columns)
{
  for (guint i = 0; i < WA_N_INDICATORS; i++)
    {
      const FigureColumns *c = &columns[i];
      WaFigure figure;
      gint64 source;

      wa_figure_init (&figure);
      figure.score = get_double (feature, c->score);
      figure.rank = (guint) CLAMP (get_int (feature, c->rank, 0), 0, G_MAXUINT);
      figure.decile = (guint) CLAMP (get_int (feature, c->decile, 0), 0, 10);
      figure.extent = get_double (feature, c->extent);
      figure.proportion = get_double (feature, c->proportion);
      source = get_int (feature, c->source, WA_FIGURE_NONE);
      figure.source = source >= WA_FIGURE_NONE && source <= WA_FIGURE_THIRD_PARTY
                      ? (WaFigureSource) source : WA_FIGURE_NONE;
      wa_ward_set_figure (ward, i, &figure);
    }
}

typedef struct {
  int code, name, lad_code, lad_name, region_code, region_name, population, n_lsoa, official;
} WardColumns;

static gboolean
ward_columns (WaAtlas *self, OGRLayerH layer, WardColumns *c, GError **error)
{
  if ((c->code = field_index (self, layer, WA_PACK_WARD_CODE, TRUE, error)) < 0
      || (c->name = field_index (self, layer, WA_PACK_WARD_NAME, TRUE, error)) < 0)
    return FALSE;
  c->lad_code = field_index (self, layer, WA_PACK_WARD_LAD_CODE, FALSE, NULL);
  c->lad_name = field_index (self, layer, WA_PACK_WARD_LAD_NAME, FALSE, NULL);
  c->region_code = field_index (self, layer, WA_PACK_WARD_REGION_CODE, FALSE, NULL);
  c->region_name = field_index (self, layer, WA_PACK_WARD_REGION_NAME, FALSE, NULL);
  c->population = field_index (self, layer, WA_PACK_WARD_POPULATION, FALSE, NULL);
  c->n_lsoa = field_index (self, layer, WA_PACK_WARD_N_LSOA, FALSE, NULL);
  c->official = field_index (self, layer, WA_PACK_WARD_OFFICIAL, FALSE, NULL);
  return TRUE;
}

/* Wards are longitude/latitude boxes well under a degree across; a damaged
 * pack's 1e267 or a world-wide box would make the picking grid give every
 * cell to one ward (gigabytes, found by fuzzing). */
#define MAX_WARD_SPAN_DEGREES 10.0

static gboolean
plausible_ward_box (const WaBBox *box)
{
  return box->min_x >= -180 && box->max_x <= 180 && box->min_y >= -90 && box->max_y <= 90
         && box->max_x - box->min_x <= MAX_WARD_SPAN_DEGREES
         && box->max_y - box->min_y <= MAX_WARD_SPAN_DEGREES;
}

static WaWard *
ward_from_feature (WaAtlas *self, OGRFeatureH feature, const WardColumns *c,
                   const FigureColumns *figures, GError **error)
{
  const char *code = wa_gdal_field_string (feature, c->code);
  g_autoptr(WaGeometry) geometry = NULL;
  GError *local_error = NULL;
  WaWard *ward;

  if (code == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                   _("%s: layer “%s”, feature %" PRId64 " has no ward code"),
                   self->path, WA_PACK_LAYER_WARDS, (gint64) OGR_F_GetFID (feature));
      return NULL;
    }
  if (g_hash_table_contains (self->ward_by_code, code))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_DUPLICATE,
                   _("%s: ward %s appears twice in layer “%s”"),
                   self->path, code, WA_PACK_LAYER_WARDS);
      return NULL;
    }
  geometry = feature_geometry (self, feature, WA_PACK_LAYER_WARDS, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (geometry != NULL && !plausible_ward_box (wa_geometry_get_bbox (geometry)))
    {
      const WaBBox *box = wa_geometry_get_bbox (geometry);

      g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                   _("%s: layer “%s”, ward %s spans longitude %g to %g and latitude %g to %g, "
                     "which no ward does; the pack is damaged"),
                   self->path, WA_PACK_LAYER_WARDS, code, box->min_x, box->max_x, box->min_y, box->max_y);
      return NULL;
    }
  ward = wa_ward_new (self->wards->len, code, wa_gdal_field_string (feature, c->name),
                      wa_gdal_field_string (feature, c->lad_code),
                      wa_gdal_field_string (feature, c->lad_name),
                      wa_gdal_field_string (feature, c->region_code),
                      wa_gdal_field_string (feature, c->region_name),
                      get_int (feature, c->population, -1),
                      (guint) CLAMP (get_int (feature, c->n_lsoa, 0), 0, G_MAXUINT),
                      geometry);
  wa_ward_set_official (ward, (int) CLAMP (get_int (feature, c->official, -1), -1, 1));
  read_figures (ward, feature, figures);
  return ward;
}

/* Rank denominators from the ranks themselves when the pack lacks them. */
static void
fill_missing_n_ranked (WaAtlas *self)
{
  for (guint i = 0; i < WA_N_INDICATORS; i++)
    {
      if (self->n_ranked[i] > 0)
        continue;
      for (guint w = 0; w < self->wards->len; w++)
        {
          const WaFigure *figure = wa_ward_get_figure (g_ptr_array_index (self->wards, w), i);
          self->n_ranked[i] = MAX (self->n_ranked[i], figure->rank);
        }
    }
}

static void
build_grid (WaAtlas *self)
{
  WaBBox extent;

  for (guint w = 0; w < self->wards->len; w++)
    {
      WaGeometry *geometry = wa_ward_get_geometry (g_ptr_array_index (self->wards, w));
      if (geometry != NULL)
        wa_bbox_extend (&self->extent, wa_geometry_get_bbox (geometry));
    }
  extent = self->extent;
  if (extent.min_x > extent.max_x)
    extent = (WaBBox) { 0, 0, 1, 1 };
  self->grid = wa_spatial_index_new (&extent, GRID_CELL_DEGREES);
  for (guint w = 0; w < self->wards->len; w++)
    {
      WaGeometry *geometry = wa_ward_get_geometry (g_ptr_array_index (self->wards, w));
      if (geometry != NULL)
        wa_spatial_index_insert (self->grid, wa_geometry_get_bbox (geometry), w);
    }
}

static gboolean
read_wards (WaAtlas *self, GError **error)
{
  g_autoptr(GHashTable) seen = NULL;
  OGRLayerH layer = get_layer (self, WA_PACK_LAYER_WARDS, TRUE, error);
  FigureColumns figures[WA_N_INDICATORS];
  WardColumns columns;
  OGRFeatureH feature;

  if (layer == NULL || !ward_columns (self, layer, &columns, error))
    return FALSE;
  figure_columns (self, layer, figures);

  OGR_L_ResetReading (layer);
  while ((feature = wa_gdal_next_feature (layer, &seen)) != NULL)
    {
      WaWard *ward = ward_from_feature (self, feature, &columns, figures, error);

      OGR_F_Destroy (feature);
      if (ward == NULL)
        return FALSE;
      g_ptr_array_add (self->wards, ward);
      g_hash_table_insert (self->ward_by_code, (gpointer) wa_ward_get_code (ward), ward);
    }
  if (self->wards->len == 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                   _("%s: the pack holds no wards"), self->path);
      return FALSE;
    }
  g_list_store_splice (self->ward_store, 0, 0, self->wards->pdata, self->wards->len);
  fill_missing_n_ranked (self);
  build_grid (self);
  return TRUE;
}

static void
read_neighbours (WaAtlas *self)
{
  g_autoptr(GHashTable) seen = NULL;
  OGRLayerH layer = get_layer (self, WA_PACK_LAYER_NEIGHBOURS, FALSE, NULL);
  g_autoptr(GPtrArray) lists = NULL;
  OGRFeatureH feature;
  int a, b;

  if (layer == NULL
      || (a = field_index (self, layer, WA_PACK_NB_WARD, FALSE, NULL)) < 0
      || (b = field_index (self, layer, WA_PACK_NB_NEIGHBOUR, FALSE, NULL)) < 0)
    return;
  lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint w = 0; w < self->wards->len; w++)
    g_ptr_array_add (lists, g_array_new (FALSE, FALSE, sizeof (guint)));

  OGR_L_ResetReading (layer);
  while ((feature = wa_gdal_next_feature (layer, &seen)) != NULL)
    {
      WaWard *from = wa_atlas_lookup_ward (self, wa_gdal_field_string (feature, a));
      WaWard *to = wa_atlas_lookup_ward (self, wa_gdal_field_string (feature, b));

      if (from != NULL && to != NULL && from != to)
        {
          guint index = wa_ward_get_index (to);
          g_array_append_val (g_ptr_array_index (lists, wa_ward_get_index (from)), index);
        }
      OGR_F_Destroy (feature);
    }
  for (guint w = 0; w < self->wards->len; w++)
    {
      GArray *list = g_ptr_array_index (lists, w);
      wa_ward_set_neighbours (g_ptr_array_index (self->wards, w),
                              (const guint *) list->data, list->len);
    }
}

/* ---- geometry levels ---------------------------------------------------- */

/* Reads a simplified layer keyed by code into a geometry per item index. */
static gboolean
read_level_layer (WaAtlas *self, const char *name, GHashTable *index_by_code,
                  guint n_items, GPtrArray **out, GError **error)
{
  g_autoptr(GHashTable) seen = NULL;
  OGRLayerH layer = get_layer (self, name, TRUE, error);
  g_autoptr(GPtrArray) geometries = NULL;
  OGRFeatureH feature;
  int code;

  if (layer == NULL || (code = field_index (self, layer, WA_PACK_LOD_CODE, TRUE, error)) < 0)
    return FALSE;
  geometries = g_ptr_array_new_full (n_items, geometry_unref_nullable);
  g_ptr_array_set_size (geometries, n_items);

  OGR_L_ResetReading (layer);
  while ((feature = wa_gdal_next_feature (layer, &seen)) != NULL)
    {
      const char *item_code = wa_gdal_field_string (feature, code);
      /* A damaged row without a code draws nothing rather than crashing. */
      gpointer found = item_code != NULL ? g_hash_table_lookup (index_by_code, item_code) : NULL;
      GError *local_error = NULL;
      WaGeometry *geometry = NULL;

      if (found != NULL)
        geometry = feature_geometry (self, feature, name, &local_error);
      OGR_F_Destroy (feature);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      if (geometry != NULL)
        {
          guint i = GPOINTER_TO_UINT (found) - 1;
          geometry_unref_nullable (g_ptr_array_index (geometries, i));
          g_ptr_array_index (geometries, i) = geometry;
        }
    }
  *out = g_steal_pointer (&geometries);
  return TRUE;
}

static GHashTable *
ward_index_by_code (WaAtlas *self)
{
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint w = 0; w < self->wards->len; w++)
    g_hash_table_insert (table, (gpointer) wa_ward_get_code (g_ptr_array_index (self->wards, w)),
                         GUINT_TO_POINTER (w + 1));
  return table;
}

static GHashTable *
area_index_by_code (GPtrArray *areas)
{
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint a = 0; a < areas->len; a++)
    g_hash_table_insert (table, ((WaArea *) g_ptr_array_index (areas, a))->code,
                         GUINT_TO_POINTER (a + 1));
  return table;
}

static int
kind_from_string (const char *kind)
{
  if (g_strcmp0 (kind, "wards") == 0)
    return -1;
  for (guint k = 0; k < N_AREA_KINDS; k++)
    if (g_strcmp0 (kind, area_layers[k]) == 0)
      return (int) k;
  return -2;
}

static gboolean
read_levels (WaAtlas *self, GError **error)
{
  g_autoptr(GHashTable) seen = NULL;
  OGRLayerH layer = get_layer (self, WA_PACK_LAYER_LEVELS, FALSE, NULL);
  g_autoptr(GHashTable) wards = NULL;
  OGRFeatureH feature;
  int name, kind, min_zoom, max_zoom;

  if (layer == NULL)
    return TRUE;   /* no simplified levels: full geometry at every zoom */
  if ((name = field_index (self, layer, WA_PACK_LEVEL_LAYER, TRUE, error)) < 0
      || (kind = field_index (self, layer, WA_PACK_LEVEL_KIND, TRUE, error)) < 0
      || (min_zoom = field_index (self, layer, WA_PACK_LEVEL_MIN_ZOOM, TRUE, error)) < 0
      || (max_zoom = field_index (self, layer, WA_PACK_LEVEL_MAX_ZOOM, TRUE, error)) < 0)
    return FALSE;
  wards = ward_index_by_code (self);

  OGR_L_ResetReading (layer);
  while ((feature = wa_gdal_next_feature (layer, &seen)) != NULL)
    {
      g_autofree char *layer_name = dup_field (feature, name);
      int k = kind_from_string (wa_gdal_field_string (feature, kind));
      Level level = { (int) get_int (feature, min_zoom, 0), (int) get_int (feature, max_zoom, 99), NULL };
      gboolean is_full = layer_name == NULL || k == -2
                         || g_strcmp0 (layer_name, k == -1 ? WA_PACK_LAYER_WARDS : area_layers[MAX (k, 0)]) == 0;
      gboolean ok = TRUE;

      OGR_F_Destroy (feature);
      if (is_full)
        continue;
      if (k == -1)
        {
          ok = read_level_layer (self, layer_name, wards, self->wards->len, &level.geometries, error);
          if (ok)
            g_array_append_val (self->ward_levels, level);
        }
      else
        {
          g_autoptr(GHashTable) areas = area_index_by_code (self->areas[k]);
          ok = read_level_layer (self, layer_name, areas, self->areas[k]->len, &level.geometries, error);
          if (ok)
            g_array_append_val (self->area_levels[k], level);
        }
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* ---- areas and places ---------------------------------------------------- */

static gboolean
read_areas (WaAtlas *self, WaAreaKind kind, GError **error)
{
  g_autoptr(GHashTable) seen = NULL;
  OGRLayerH layer = get_layer (self, area_layers[kind], FALSE, NULL);
  OGRFeatureH feature;
  int code, name, region_code, region_name;

  if (layer == NULL)
    return TRUE;   /* older or partial packs: the map just lacks that layer */
  if ((code = field_index (self, layer, WA_PACK_AREA_CODE, TRUE, error)) < 0
      || (name = field_index (self, layer, WA_PACK_AREA_NAME, TRUE, error)) < 0)
    return FALSE;
  region_code = field_index (self, layer, WA_PACK_AREA_REGION_CODE, FALSE, NULL);
  region_name = field_index (self, layer, WA_PACK_AREA_REGION_NAME, FALSE, NULL);

  OGR_L_ResetReading (layer);
  while ((feature = wa_gdal_next_feature (layer, &seen)) != NULL)
    {
      GError *local_error = NULL;
      WaArea *area = g_new0 (WaArea, 1);

      area->code = dup_field (feature, code);
      area->name = dup_field (feature, name);
      area->region_code = dup_field (feature, region_code);
      area->region_name = dup_field (feature, region_name);
      area->geometry = feature_geometry (self, feature, area_layers[kind], &local_error);
      OGR_F_Destroy (feature);
      if (local_error != NULL || area->code == NULL)
        {
          if (local_error == NULL)
            local_error = g_error_new (WA_ERROR, WA_ERROR_PARSE,
                                       _("%s: layer “%s” has a feature without a code"),
                                       self->path, area_layers[kind]);
          area_free (area);
          g_propagate_error (error, local_error);
          return FALSE;
        }
      g_ptr_array_add (self->areas[kind], area);
    }
  return TRUE;
}

static WaPlaceKind
place_kind_from_string (const char *kind)
{
  static const char *names[] = { "city", "town", "village", "hamlet", "suburb", "other" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (kind, names[i]) == 0)
      return (WaPlaceKind) i;
  return WA_PLACE_OTHER;
}

static int
compare_places (gconstpointer a, gconstpointer b)
{
  const WaPlace *pa = *(WaPlace * const *) a, *pb = *(WaPlace * const *) b;

  return (pa->importance < pb->importance) - (pa->importance > pb->importance);
}

static void
read_places (WaAtlas *self)
{
  g_autoptr(GHashTable) seen = NULL;
  OGRLayerH layer = get_layer (self, WA_PACK_LAYER_PLACES, FALSE, NULL);
  OGRFeatureH feature;
  int name, kind, major, district, ward, importance, min_x, min_y, max_x, max_y;

  if (layer == NULL || (name = field_index (self, layer, WA_PACK_PLACE_NAME, FALSE, NULL)) < 0)
    return;
  kind = field_index (self, layer, WA_PACK_PLACE_KIND, FALSE, NULL);
  major = field_index (self, layer, WA_PACK_PLACE_MAJOR, FALSE, NULL);
  district = field_index (self, layer, WA_PACK_PLACE_DISTRICT, FALSE, NULL);
  ward = field_index (self, layer, WA_PACK_PLACE_WARD_CODE, FALSE, NULL);
  importance = field_index (self, layer, WA_PACK_PLACE_IMPORTANCE, FALSE, NULL);
  min_x = field_index (self, layer, WA_PACK_PLACE_MIN_X, FALSE, NULL);
  min_y = field_index (self, layer, WA_PACK_PLACE_MIN_Y, FALSE, NULL);
  max_x = field_index (self, layer, WA_PACK_PLACE_MAX_X, FALSE, NULL);
  max_y = field_index (self, layer, WA_PACK_PLACE_MAX_Y, FALSE, NULL);

  OGR_L_ResetReading (layer);
  while ((feature = wa_gdal_next_feature (layer, &seen)) != NULL)
    {
      OGRGeometryH point = OGR_F_GetGeometryRef (feature);
      WaWard *in_ward = wa_atlas_lookup_ward (self, ward >= 0 ? wa_gdal_field_string (feature, ward) : NULL);
      WaPlace *place;

      if (point == NULL || OGR_G_IsEmpty (point) || wa_gdal_field_string (feature, name) == NULL)
        {
          OGR_F_Destroy (feature);
          continue;
        }
      place = g_new0 (WaPlace, 1);
      place->name = dup_field (feature, name);
      place->kind = place_kind_from_string (kind >= 0 ? wa_gdal_field_string (feature, kind) : NULL);
      place->major = get_int (feature, major, 0) != 0;
      place->district = dup_field (feature, district);
      place->lon = OGR_G_GetX (point, 0);
      place->lat = OGR_G_GetY (point, 0);
      place->extent = (WaBBox) { get_double (feature, min_x), get_double (feature, min_y),
                                 get_double (feature, max_x), get_double (feature, max_y) };
      if (isnan (place->extent.min_x) || isnan (place->extent.max_y))
        place->extent = (WaBBox) { place->lon, place->lat, place->lon, place->lat };
      place->importance = get_double (feature, importance);
      if (isnan (place->importance))
        place->importance = 0;
      place->ward_index = in_ward != NULL ? (int) wa_ward_get_index (in_ward) : -1;
      g_ptr_array_add (self->places, place);
      OGR_F_Destroy (feature);
    }
  g_ptr_array_sort (self->places, compare_places);
}

/* ---- opening ------------------------------------------------------------ */

static gboolean
open_dataset (WaAtlas *self, GError **error)
{
  static const char *const drivers[] = { "GPKG", NULL };
  /* The app only reads a pack, and the builder replaces one by renaming a
   * new file over it, so an open pack never changes under us: SQLite can
   * skip the locking and change checks it otherwise makes for every query
   * (a tenth of the time to open one). */
  static const char *const options[] = { "IMMUTABLE=YES", NULL };

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: no such file"), self->path);
      return FALSE;
    }
  if (g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: is a folder, not a pack file"), self->path);
      return FALSE;
    }
  wa_gdal_clear_message ();
  self->dataset = GDALOpenEx (self->path, GDAL_OF_VECTOR | GDAL_OF_READONLY,
                              drivers, options, NULL);
  if (self->dataset == NULL)
    {
      const char *reason = wa_gdal_last_message ();
      g_set_error (error, WA_ERROR, WA_ERROR_SCHEMA,
                   _("%s: not a Ward Atlas pack: the file is not a readable GeoPackage%s%s"),
                   self->path, *reason != '\0' ? ": " : "", reason);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_layers (WaAtlas *self, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  WaRankParams params;

  if (!open_dataset (self, error)
      || !read_metadata (self, error)
      || !read_sources (self, error))
    return FALSE;
  read_indicators (self);
  if (!read_wards (self, error))
    return FALSE;
  read_neighbours (self);
  for (guint k = 0; k < N_AREA_KINDS; k++)
    if (!read_areas (self, k, error))
      return FALSE;
  if (!read_levels (self, error))
    return FALSE;
  read_places (self);
  self->postcodes = get_layer (self, WA_PACK_LAYER_POSTCODES, FALSE, NULL);

  wa_rank_params_init (&params);
  params.method = wa_rank_method_default_for (self->edition);
  /* Ranks that contradict each other: say which file. */
  if (!wa_atlas_set_rank_params (self, &params, &local_error))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_SCHEMA, _("%s: the pack is damaged: %s"), self->path,
                   local_error->message);
      return FALSE;
    }
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

WaAssets *
wa_atlas_get_assets (WaAtlas *self)
{
  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  return self->assets;
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
  if (!load (self, &local_error))
    {
      /* GDAL reports damage inside SQLite only when a table is read. */
      if (local_error == NULL)
        local_error = g_error_new (WA_ERROR, WA_ERROR_SCHEMA, _("%s: the pack is damaged: %s"),
                                   path, wa_gdal_last_message ());
      g_propagate_error (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&self);
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
  return G_LIST_MODEL (self->ward_store);
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

/* The level serving zoom, or NULL for the full geometry. */
static const Level *
level_for_zoom (GArray *levels, double zoom)
{
  for (guint i = 0; i < levels->len; i++)
    {
      const Level *level = &g_array_index (levels, Level, i);
      if (zoom >= level->min_zoom && zoom < level->max_zoom + 1)
        return level;
    }
  return NULL;
}

WaGeometry *
wa_atlas_get_ward_geometry_for_zoom (WaAtlas *self,
                                     guint    ward_index,
                                     double   zoom)
{
  const Level *level;

  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  g_return_val_if_fail (ward_index < self->wards->len, NULL);
  level = level_for_zoom (self->ward_levels, zoom);
  if (level != NULL && g_ptr_array_index (level->geometries, ward_index) != NULL)
    return g_ptr_array_index (level->geometries, ward_index);
  return wa_ward_get_geometry (g_ptr_array_index (self->wards, ward_index));
}

WaGeometry *
wa_atlas_get_area_geometry_for_zoom (WaAtlas    *self,
                                     WaAreaKind  kind,
                                     guint       area_index,
                                     double      zoom)
{
  const Level *level;

  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  g_return_val_if_fail (kind < N_AREA_KINDS, NULL);
  g_return_val_if_fail (area_index < self->areas[kind]->len, NULL);
  level = level_for_zoom (self->area_levels[kind], zoom);
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
  g_return_val_if_fail (kind < N_AREA_KINDS, NULL);
  return self->areas[kind];
}

const WaArea *
wa_atlas_lookup_area (WaAtlas    *self,
                      WaAreaKind  kind,
                      const char *code)
{
  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  g_return_val_if_fail (kind < N_AREA_KINDS, NULL);
  for (guint a = 0; code != NULL && a < self->areas[kind]->len; a++)
    {
      const WaArea *area = g_ptr_array_index (self->areas[kind], a);
      if (g_ascii_strcasecmp (area->code, code) == 0)
        return area;
    }
  return NULL;
}

GPtrArray *
wa_atlas_get_places (WaAtlas *self)
{
  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  return self->places;
}

/* ---- postcodes ---------------------------------------------------------- */

static WaPostcodeHit *
hit_from_feature (WaAtlas *self, OGRFeatureH feature)
{
  OGRFeatureDefnH defn = OGR_F_GetDefnRef (feature);
  WaWard *ward = wa_atlas_lookup_ward (self, wa_gdal_field_string (
    feature, OGR_FD_GetFieldIndex (defn, WA_PACK_PC_WARD_CODE)));
  WaPostcodeHit *hit = g_new0 (WaPostcodeHit, 1);

  hit->postcode = dup_field (feature, OGR_FD_GetFieldIndex (defn, WA_PACK_PC_DISPLAY));
  hit->lon = get_double (feature, OGR_FD_GetFieldIndex (defn, WA_PACK_PC_LON));
  hit->lat = get_double (feature, OGR_FD_GetFieldIndex (defn, WA_PACK_PC_LAT));
  hit->ward_index = ward != NULL ? (int) wa_ward_get_index (ward) : -1;
  return hit;
}

/* Runs an indexed query; key holds only [A-Z0-9], so quoting is safe. */
static GPtrArray *
query_postcodes (WaAtlas *self, const char *where, guint limit)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s, %s, %s, %s FROM %s WHERE %s ORDER BY %s LIMIT %u",
                                          WA_PACK_PC_DISPLAY, WA_PACK_PC_LON, WA_PACK_PC_LAT,
                                          WA_PACK_PC_WARD_CODE, WA_PACK_LAYER_POSTCODES, where,
                                          WA_PACK_PC_POSTCODE, limit);
  GPtrArray *hits = g_ptr_array_new_with_free_func ((GDestroyNotify) wa_postcode_hit_free);
  OGRLayerH result;
  OGRFeatureH feature;

  if (self->postcodes == NULL)
    return hits;
  result = GDALDatasetExecuteSQL (self->dataset, sql, NULL, NULL);
  if (result == NULL)
    return hits;
  while ((feature = OGR_L_GetNextFeature (result)) != NULL)
    {
      g_ptr_array_add (hits, hit_from_feature (self, feature));
      OGR_F_Destroy (feature);
    }
  GDALDatasetReleaseResultSet (self->dataset, result);
  return hits;
}

WaPostcodeHit *
wa_atlas_lookup_postcode (WaAtlas     *self,
                          const char  *text,
                          GError     **error)
{
  g_autofree char *key = NULL;
  g_autofree char *where = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  key = text != NULL ? wa_postcode_normalise (text) : NULL;
  if (key == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
                   _("“%s” is not a UK postcode"), text != NULL ? text : "");
      return NULL;
    }
  if (self->postcodes == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_NOT_FOUND,
                   _("%s: the pack has no postcodes"), self->path);
      return NULL;
    }
  where = g_strdup_printf ("%s = '%s'", WA_PACK_PC_POSTCODE, key);
  hits = query_postcodes (self, where, 1);
  if (hits->len == 0)
    {
      g_autofree char *pretty = wa_postcode_format (key);
      g_set_error (error, WA_ERROR, WA_ERROR_NOT_FOUND,
                   _("Postcode %s is not in the pack (England postcodes only)"), pretty);
      return NULL;
    }
  return g_ptr_array_steal_index (hits, 0);
}

GPtrArray *
wa_atlas_search_postcodes (WaAtlas    *self,
                           const char *prefix,
                           guint       limit)
{
  g_autofree char *key = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *where = NULL;
  gsize len;

  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  key = prefix != NULL ? wa_postcode_normalise_prefix (prefix) : NULL;
  if (key == NULL || *key == '\0' || limit == 0)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) wa_postcode_hit_free);
  /* Every key starting with the prefix sorts in [prefix, prefix with its last character + 1). */
  upper = g_strdup (key);
  len = strlen (upper);
  upper[len - 1]++;
  where = g_strdup_printf ("%s >= '%s' AND %s < '%s'", WA_PACK_PC_POSTCODE, key,
                           WA_PACK_PC_POSTCODE, upper);
  return query_postcodes (self, where, limit);
}

/* "postcode >= 'B1' AND postcode < 'B2' AND length (postcode) = 5": the
 * range keeps the index in use; the length picks this outward code ("B1",
 * not "B12"). NULL if outward is not an outward code. */
static char *
district_where (const char *outward, const char *inward_prefix)
{
  g_autofree char *out = outward != NULL ? wa_postcode_normalise_prefix (outward) : NULL;
  g_autofree char *full = NULL;
  g_autofree char *key = NULL;
  g_autofree char *upper = NULL;

  if (out == NULL || *out == '\0' || strlen (out) > 4)
    return NULL;
  full = g_strconcat (outward, inward_prefix, NULL);
  key = wa_postcode_normalise_prefix (full);
  if (key == NULL || strlen (key) > strlen (out) + 3)
    return NULL;
  upper = g_strdup (key);
  upper[strlen (upper) - 1]++;
  /* key holds only [A-Z0-9], so quoting is safe. */
  return g_strdup_printf ("%s >= '%s' AND %s < '%s' AND length(%s) = %u",
                          WA_PACK_PC_POSTCODE, key, WA_PACK_PC_POSTCODE, upper,
                          WA_PACK_PC_POSTCODE, (guint) strlen (out) + 3);
}

GPtrArray *
wa_atlas_list_district_postcodes (WaAtlas *self, const char *outward,
                                  const char *inward_prefix, guint limit)
{
  g_autofree char *where = NULL;

  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  where = district_where (outward, inward_prefix);
  if (where == NULL || limit == 0)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) wa_postcode_hit_free);
  return query_postcodes (self, where, limit);
}

gboolean
wa_atlas_get_postcode_district (WaAtlas    *self,
                                const char *outward,
                                WaBBox     *out_box,
                                guint      *out_count)
{
  g_autofree char *where = NULL;
  g_autofree char *sql = NULL;
  OGRLayerH result;
  OGRFeatureH feature;
  gboolean found = FALSE;

  g_return_val_if_fail (WA_IS_ATLAS (self), FALSE);
  where = district_where (outward, NULL);
  if (where == NULL || self->postcodes == NULL)
    return FALSE;
  sql = g_strdup_printf ("SELECT min(%s), min(%s), max(%s), max(%s), count(*) FROM %s WHERE %s",
                         WA_PACK_PC_LON, WA_PACK_PC_LAT, WA_PACK_PC_LON, WA_PACK_PC_LAT,
                         WA_PACK_LAYER_POSTCODES, where);
  result = GDALDatasetExecuteSQL (self->dataset, sql, NULL, NULL);
  if (result == NULL)
    return FALSE;
  if ((feature = OGR_L_GetNextFeature (result)) != NULL)
    {
      int n = OGR_F_GetFieldAsInteger (feature, 4);

      if (n > 0 && OGR_F_IsFieldSetAndNotNull (feature, 0))
        {
          *out_box = (WaBBox) { OGR_F_GetFieldAsDouble (feature, 0), OGR_F_GetFieldAsDouble (feature, 1),
                                OGR_F_GetFieldAsDouble (feature, 2), OGR_F_GetFieldAsDouble (feature, 3) };
          *out_count = (guint) n;
          found = TRUE;
        }
      OGR_F_Destroy (feature);
    }
  GDALDatasetReleaseResultSet (self->dataset, result);
  return found;
}

/* ---- ranks -------------------------------------------------------------- */

static void
fill_rank_inputs (WaAtlas *self, WaRankInput *inputs)
{
  for (guint w = 0; w < self->wards->len; w++)
    {
      WaWard *ward = g_ptr_array_index (self->wards, w);

      inputs[w].imd_rank = wa_ward_get_imd_rank (ward);
      inputs[w].imd_n = self->n_ranked[WA_INDICATOR_IMD];
      inputs[w].cni_rank = wa_ward_get_cni_rank (ward);
      inputs[w].cni_n = self->n_ranked[WA_INDICATOR_CNI];
      inputs[w].official = wa_ward_get_official_left_behind (ward);
    }
}

const WaRankParams *
wa_atlas_get_rank_params (WaAtlas *self)
{
  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  return &self->rank_params;
}

gboolean
wa_atlas_compute_ranks (WaAtlas             *self,
                        const WaRankParams  *params,
                        WaRankResult        *out_results,
                        GError             **error)
{
  g_autofree WaRankInput *inputs = NULL;

  g_return_val_if_fail (WA_IS_ATLAS (self), FALSE);
  if (!wa_rank_params_validate (params, self->edition, error))
    return FALSE;
  inputs = g_new0 (WaRankInput, self->wards->len);
  fill_rank_inputs (self, inputs);
  return wa_rank_method_compute (params, inputs, self->wards->len, out_results, error);
}

gboolean
wa_atlas_set_rank_params (WaAtlas             *self,
                          const WaRankParams  *params,
                          GError             **error)
{
  g_autofree WaRankResult *results = NULL;

  g_return_val_if_fail (WA_IS_ATLAS (self), FALSE);
  results = g_new0 (WaRankResult, self->wards->len);
  if (!wa_atlas_compute_ranks (self, params, results, error))
    return FALSE;
  self->rank_params = *params;
  for (guint w = 0; w < self->wards->len; w++)
    wa_ward_set_rank_result (g_ptr_array_index (self->wards, w),
                             results[w].combined_rank, results[w].left_behind);
  g_signal_emit (self, signals[RANKS_CHANGED], 0);
  return TRUE;
}

/* Combined rank ascending, unranked (0) last, then by code for a stable order. */
static int
compare_by_combined_rank (gconstpointer a, gconstpointer b)
{
  WaWard *wa = *(WaWard * const *) a, *wb = *(WaWard * const *) b;
  guint ra = wa_ward_get_combined_rank (wa), rb = wa_ward_get_combined_rank (wb);

  if (ra != rb)
    return ra == 0 ? 1 : rb == 0 ? -1 : (ra < rb ? -1 : 1);
  return g_strcmp0 (wa_ward_get_code (wa), wa_ward_get_code (wb));
}

gboolean
wa_atlas_compare_methods (WaAtlas             *self,
                          const WaRankParams  *a,
                          const WaRankParams  *b,
                          GPtrArray          **only_a,
                          GPtrArray          **only_b,
                          GError             **error)
{
  guint n;
  g_autofree WaRankResult *ra = NULL;
  g_autofree WaRankResult *rb = NULL;

  g_return_val_if_fail (WA_IS_ATLAS (self), FALSE);
  n = self->wards->len;
  ra = g_new0 (WaRankResult, n);
  rb = g_new0 (WaRankResult, n);
  if (!wa_atlas_compute_ranks (self, a, ra, error)
      || !wa_atlas_compute_ranks (self, b, rb, error))
    return FALSE;
  *only_a = g_ptr_array_new ();
  *only_b = g_ptr_array_new ();
  for (guint w = 0; w < n; w++)
    {
      if (ra[w].left_behind && !rb[w].left_behind)
        g_ptr_array_add (*only_a, g_ptr_array_index (self->wards, w));
      else if (rb[w].left_behind && !ra[w].left_behind)
        g_ptr_array_add (*only_b, g_ptr_array_index (self->wards, w));
    }
  return TRUE;
}

GPtrArray *
wa_atlas_dup_ranked (WaAtlas  *self,
                     gboolean  left_behind_only)
{
  GPtrArray *wards;

  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  wards = g_ptr_array_new ();
  for (guint w = 0; w < self->wards->len; w++)
    if (!left_behind_only || wa_ward_get_left_behind (g_ptr_array_index (self->wards, w)))
      g_ptr_array_add (wards, g_ptr_array_index (self->wards, w));
  g_ptr_array_sort (wards, compare_by_combined_rank);
  return wards;
}

GPtrArray *
wa_atlas_dup_left_behind (WaAtlas *self)
{
  return wa_atlas_dup_ranked (self, TRUE);
}

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
