/* wa-build-geometry.c: the pack's boundary layers other than the full
 * "wards" layer (simplified ward levels of detail, LADs, regions, land),
 * the "geometry_levels" table that says which layer serves which zooms, and
 * the "ward_neighbours" table. */
#include <inttypes.h>
#include "ward-atlas-core.h"
#include "wa-build-private.h"
#include "wa-pack.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

/* Map tiles are 512 px wide; web Mercator stretches latitude by 1 / cos
 * (lat), so a pixel spans fewest degrees of latitude at England's northern
 * edge. A tolerance below half of that pixel is invisible everywhere. */
#define TILE_SIZE_PX       512.0
#define NORTHERN_LATITUDE  56.0
#define TOLERANCE_MARGIN   0.9

/* Wards sharing a border in the hybrid layers can be a few metres apart
 * (slivers and gaps where geometry of different generalisation meets). */
#define NEIGHBOUR_DISTANCE_M  30.0
/* A ward that touches none at that distance (where simplified polygons
 * left a wider gap, e.g. Berwick North in 2019) takes the wards within
 * this distance; real islands stay alone. */
#define ISOLATED_DISTANCE_M   150.0
#define METRES_PER_DEGREE_LAT 110574.0
#define METRES_PER_DEGREE_LON 111320.0
/* Neighbour search grid: about 1 km cells, at most this many per axis. */
#define SEGMENT_CELL_DEG      0.01
#define SEGMENT_GRID_MAX      2048

typedef struct {
  const char *suffix;   /* appended to the kind: "_lod0", or "" for the full layer */
  int min_zoom;
  int max_zoom;         /* 99 = no limit */
} LevelSpec;

/* Each level is exact to half a pixel of a 512 px tile at its maximum
 * zoom (a 256 px tile one zoom further in). The coarsest matters most: it
 * draws all of England at start-up. */
static const LevelSpec ward_levels[] = {
  { "_lod0", 0, 5 },
  { "_lod1", 6, 7 },
  { "_lod2", 8, 10 },
  { "", 11, 99 },
};

/* Boundaries are stroked at every zoom, so they need as many levels as
 * wards: full detail at zoom 8 costs more than all the ward fills. */
static const LevelSpec area_levels[] = {
  { "_lod0", 0, 5 },
  { "_lod1", 6, 7 },
  { "_lod2", 8, 10 },
  { "", 11, 99 },
};

/* One area (ward, LAD, region, country) read into memory. */
typedef struct {
  char *code;
  char *name;
  char *lad_code;
  char *region_code;
  char *region_name;
  OGRGeometryH geometry;   /* owned; NULL when the ward has none */
} Area;

static void
area_free (gpointer data)
{
  Area *area = data;

  g_free (area->code);
  g_free (area->name);
  g_free (area->lad_code);
  g_free (area->region_code);
  g_free (area->region_name);
  if (area->geometry != NULL)
    OGR_G_DestroyGeometry (area->geometry);
  g_free (area);
}

static double
tolerance_for_zoom (int max_zoom)
{
  double degrees_per_px;

  if (max_zoom >= 99)
    return 0.0;
  degrees_per_px = 360.0 / (TILE_SIZE_PX * (double) (1u << max_zoom));
  return TOLERANCE_MARGIN * 0.5 * degrees_per_px * cos (NORTHERN_LATITUDE * G_PI / 180.0);
}

static gboolean
write_feature (WaBuildContext *ctx, OGRLayerH layer, OGRFeatureH feature, GError **error)
{
  OGR_F_SetFID (feature, OGRNullFID);
  if (OGR_L_CreateFeature (layer, feature) == OGRERR_NONE)
    return TRUE;
  g_set_error (error, WA_ERROR, WA_ERROR_IO,
               _("%s: cannot write to layer “%s”: %s"),
               wa_build_pack_path (ctx), OGR_L_GetName (layer), wa_gdal_last_message ());
  return FALSE;
}

/* ---- simplification -------------------------------------------------- */

/* Adds the polygon parts of any geometry (MakeValid can return a
 * collection with stray lines and points) to multi. */
static void
collect_polygons (OGRGeometryH geometry, OGRGeometryH multi)
{
  OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (geometry));

  if (type == wkbPolygon)
    {
      if (!OGR_G_IsEmpty (geometry))
        OGR_G_AddGeometry (multi, geometry);
      return;
    }
  if (type == wkbMultiPolygon || type == wkbGeometryCollection)
    for (int i = 0; i < OGR_G_GetGeometryCount (geometry); i++)
      collect_polygons (OGR_G_GetGeometryRef (geometry, i), multi);
}

static OGRGeometryH
polygons_only (OGRGeometryH geometry)
{
  OGRGeometryH multi = OGR_G_CreateGeometry (wkbMultiPolygon);

  collect_polygons (geometry, multi);
  return multi;
}

/* Drops parts smaller than min_area (invisible at the level's zooms),
 * always keeping the largest. */
static OGRGeometryH
drop_specks (OGRGeometryH multi, double min_area)
{
  int n = OGR_G_GetGeometryCount (multi);
  int largest = 0;
  double largest_area = -1.0;
  OGRGeometryH kept;

  if (n < 2 || min_area <= 0.0)
    return multi;
  for (int i = 0; i < n; i++)
    {
      double area = OGR_G_Area (OGR_G_GetGeometryRef (multi, i));
      if (area > largest_area)
        {
          largest_area = area;
          largest = i;
        }
    }
  kept = OGR_G_CreateGeometry (wkbMultiPolygon);
  for (int i = 0; i < n; i++)
    {
      OGRGeometryH part = OGR_G_GetGeometryRef (multi, i);
      if (i == largest || OGR_G_Area (part) >= min_area)
        OGR_G_AddGeometry (kept, part);
    }
  OGR_G_DestroyGeometry (multi);
  return kept;
}

static OGRGeometryH
as_multipolygon (OGRGeometryH geometry)
{
  OGRGeometryH multi = polygons_only (geometry);

  OGR_G_DestroyGeometry (geometry);
  return multi;
}

/* A valid, non-empty MULTIPOLYGON within tolerance of geometry; the
 * unsimplified geometry when simplifying would break or empty it. */
static OGRGeometryH
simplify_area (OGRGeometryH geometry, double tolerance)
{
  OGRGeometryH simple;

  if (tolerance <= 0.0)
    return as_multipolygon (OGR_G_Clone (geometry));

  simple = OGR_G_SimplifyPreserveTopology (geometry, tolerance);
  if (simple != NULL && !OGR_G_IsValid (simple))
    {
      OGRGeometryH valid = OGR_G_MakeValid (simple);
      if (valid == NULL)
        valid = OGR_G_Buffer (simple, 0.0, 8);
      OGR_G_DestroyGeometry (simple);
      simple = valid;
    }
  if (simple != NULL)
    simple = drop_specks (as_multipolygon (simple), tolerance * tolerance);
  if (simple == NULL || OGR_G_IsEmpty (simple))
    {
      if (simple != NULL)
        OGR_G_DestroyGeometry (simple);
      return as_multipolygon (OGR_G_Clone (geometry));
    }
  return simple;
}

/* ---- reading --------------------------------------------------------- */

static char *
dup_field (OGRFeatureH feature, int index)
{
  return index >= 0 ? g_strdup (wa_gdal_field_string (feature, index)) : NULL;
}

/* The transformation from the layer's SRS to EPSG:4326 (lon, lat), or NULL
 * when the layer already is in it (or says nothing). */
static OGRCoordinateTransformationH
transform_to_wgs84 (OGRLayerH layer, const char *path, GError **error)
{
  OGRSpatialReferenceH source_srs = OGR_L_GetSpatialRef (layer);
  OGRSpatialReferenceH wgs84;
  OGRSpatialReferenceH source;
  OGRCoordinateTransformationH transform;
  const char *authority;
  const char *code;

  if (source_srs == NULL)
    return NULL;
  authority = OSRGetAuthorityName (source_srs, NULL);
  code = OSRGetAuthorityCode (source_srs, NULL);
  if (g_strcmp0 (authority, "EPSG") == 0 && g_strcmp0 (code, "4326") == 0)
    return NULL;

  source = OSRClone (source_srs);
  OSRSetAxisMappingStrategy (source, OAMS_TRADITIONAL_GIS_ORDER);
  wgs84 = wa_gdal_srs_new (4326);
  transform = OCTNewCoordinateTransformation (source, wgs84);
  OSRDestroySpatialReference (source);
  OSRDestroySpatialReference (wgs84);
  if (transform == NULL)
    g_set_error (error, WA_ERROR, WA_ERROR_FAILED,
                 _("%s: cannot reproject layer “%s” to EPSG:4326: %s"),
                 path, OGR_L_GetName (layer), wa_gdal_last_message ());
  return transform;
}

/* Reads code, name and geometry of every feature of a boundary source;
 * features without a code or geometry are counted and reported. */
static GPtrArray *
read_area_source (WaBuildContext *ctx, const char *role, GError **error)
{
  const WaManifestSource *source;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) areas = NULL;
  GDALDatasetH dataset;
  OGRLayerH layer;
  OGRFeatureH feature;
  OGRCoordinateTransformationH transform = NULL;
  const char *code_column, *name_column;
  int code_index, name_index;
  gint64 n_read = 0, n_skipped = 0;
  GError *local_error = NULL;

  source = wa_manifest_find_role (ctx->manifest, ctx->edition, role, error);
  if (source == NULL)
    return NULL;
  code_column = wa_manifest_source_column (source, "code", error);
  if (code_column == NULL)
    return NULL;
  name_column = wa_manifest_source_column (source, "name", error);
  if (name_column == NULL)
    return NULL;

  path = wa_build_source_path (ctx, source);
  dataset = wa_gdal_open_vector (path, error);
  if (dataset == NULL)
    return NULL;
  layer = wa_gdal_get_layer (dataset, path, source->layer, error);
  if (layer == NULL
      || (code_index = wa_gdal_field_index (layer, path, code_column, error)) < 0
      || (name_index = wa_gdal_field_index (layer, path, name_column, error)) < 0)
    {
      GDALClose (dataset);
      return NULL;
    }
  transform = transform_to_wgs84 (layer, path, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      GDALClose (dataset);
      return NULL;
    }

  areas = g_ptr_array_new_with_free_func (area_free);
  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      Area *area;
      OGRGeometryH geometry = OGR_F_StealGeometry (feature);

      n_read++;
      if (geometry == NULL || OGR_G_IsEmpty (geometry)
          || wa_gdal_field_string (feature, code_index) == NULL
          || (transform != NULL && OGR_G_Transform (geometry, transform) != OGRERR_NONE))
        {
          if (n_skipped++ < 3)
            wa_build_report (ctx, _("%s: feature %" PRId64 " has no code or no usable geometry; skipped"),
                             path, (gint64) OGR_F_GetFID (feature));
          if (geometry != NULL)
            OGR_G_DestroyGeometry (geometry);
          OGR_F_Destroy (feature);
          continue;
        }
      area = g_new0 (Area, 1);
      area->code = dup_field (feature, code_index);
      area->name = dup_field (feature, name_index);
      area->geometry = geometry;
      g_ptr_array_add (areas, area);
      OGR_F_Destroy (feature);
    }
  if (transform != NULL)
    OCTDestroyCoordinateTransformation (transform);
  GDALClose (dataset);

  wa_build_count_records (ctx, source->id, n_read);
  if (n_skipped > 0)
    wa_build_report (ctx, _("%s: %" PRId64 " of %" PRId64 " features skipped"),
                     path, n_skipped, n_read);
  if (areas->len == 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                   _("%s: no usable features (%" PRId64 " read)"), path, n_read);
      return NULL;
    }
  return g_steal_pointer (&areas);
}

/* The "wards" layer already written to the pack, with geometry. */
static GPtrArray *
read_pack_wards (WaBuildContext *ctx, GError **error)
{
  OGRLayerH layer = GDALDatasetGetLayerByName (ctx->out, WA_PACK_LAYER_WARDS);
  OGRFeatureDefnH defn;
  OGRFeatureH feature;
  GPtrArray *wards;
  int code_index, lad_index, region_index, region_name_index;

  if (layer == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                   _("%s: no layer “%s” (the wards step must run first)"),
                   wa_build_pack_path (ctx), WA_PACK_LAYER_WARDS);
      return NULL;
    }
  defn = OGR_L_GetLayerDefn (layer);
  code_index = OGR_FD_GetFieldIndex (defn, WA_PACK_WARD_CODE);
  lad_index = OGR_FD_GetFieldIndex (defn, WA_PACK_WARD_LAD_CODE);
  region_index = OGR_FD_GetFieldIndex (defn, WA_PACK_WARD_REGION_CODE);
  region_name_index = OGR_FD_GetFieldIndex (defn, WA_PACK_WARD_REGION_NAME);
  if (code_index < 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                   _("%s: layer “%s” has no column “%s”"),
                   wa_build_pack_path (ctx), WA_PACK_LAYER_WARDS, WA_PACK_WARD_CODE);
      return NULL;
    }

  wards = g_ptr_array_new_with_free_func (area_free);
  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      Area *ward = g_new0 (Area, 1);

      ward->code = dup_field (feature, code_index);
      ward->lad_code = dup_field (feature, lad_index);
      ward->region_code = dup_field (feature, region_index);
      ward->region_name = dup_field (feature, region_name_index);
      ward->geometry = OGR_F_StealGeometry (feature);
      if (ward->geometry != NULL && OGR_G_IsEmpty (ward->geometry))
        g_clear_pointer (&ward->geometry, OGR_G_DestroyGeometry);
      OGR_F_Destroy (feature);
      if (ward->code == NULL)
        area_free (ward);
      else
        g_ptr_array_add (wards, ward);
    }
  return wards;
}

/* ---- writing --------------------------------------------------------- */

typedef enum {
  FIELDS_CODE,              /* ward levels: code only */
  FIELDS_CODE_NAME,         /* regions, land */
  FIELDS_CODE_NAME_REGION,  /* lads */
} FieldSet;

static OGRLayerH
create_area_layer (WaBuildContext *ctx, const char *name, FieldSet fields, GError **error)
{
  OGRLayerH layer = wa_build_create_layer (ctx, name, wkbMultiPolygon, error);

  if (layer == NULL
      || !wa_build_add_field (ctx, layer, WA_PACK_AREA_CODE, OFTString, error))
    return NULL;
  if (fields >= FIELDS_CODE_NAME
      && !wa_build_add_field (ctx, layer, WA_PACK_AREA_NAME, OFTString, error))
    return NULL;
  if (fields >= FIELDS_CODE_NAME_REGION
      && (!wa_build_add_field (ctx, layer, WA_PACK_AREA_REGION_CODE, OFTString, error)
          || !wa_build_add_field (ctx, layer, WA_PACK_AREA_REGION_NAME, OFTString, error)))
    return NULL;
  return layer;
}

static void
set_string_or_null (OGRFeatureH feature, int index, const char *value)
{
  if (value != NULL)
    OGR_F_SetFieldString (feature, index, value);
  else
    OGR_F_SetFieldNull (feature, index);
}

/* Writes one level of a kind; the full level (tolerance 0) keeps the
 * source geometry as it is. */
static gboolean
write_area_level (WaBuildContext *ctx, const char *layer_name, FieldSet fields,
                  GPtrArray *areas, double tolerance, GError **error)
{
  OGRLayerH layer = create_area_layer (ctx, layer_name, fields, error);
  OGRFeatureH feature;
  gboolean ok = TRUE;

  if (layer == NULL)
    return FALSE;
  feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
  for (guint i = 0; ok && i < areas->len; i++)
    {
      const Area *area = g_ptr_array_index (areas, i);
      OGRGeometryH geometry;

      if (area->geometry == NULL)
        continue;
      geometry = simplify_area (area->geometry, tolerance);
      OGR_F_SetFieldString (feature, 0, area->code);
      if (fields >= FIELDS_CODE_NAME)
        set_string_or_null (feature, 1, area->name);
      if (fields >= FIELDS_CODE_NAME_REGION)
        {
          set_string_or_null (feature, 2, area->region_code);
          set_string_or_null (feature, 3, area->region_name);
        }
      OGR_F_SetGeometryDirectly (feature, geometry);
      ok = write_feature (ctx, layer, feature, error);
    }
  OGR_F_Destroy (feature);
  return ok;
}

static gboolean
write_level_row (WaBuildContext *ctx, OGRLayerH levels, const char *layer_name,
                 const char *kind, const LevelSpec *spec, double tolerance, GError **error)
{
  OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (levels));
  gboolean ok;

  OGR_F_SetFieldString (feature, 0, layer_name);
  OGR_F_SetFieldString (feature, 1, kind);
  OGR_F_SetFieldInteger (feature, 2, spec->min_zoom);
  OGR_F_SetFieldInteger (feature, 3, spec->max_zoom);
  OGR_F_SetFieldDouble (feature, 4, tolerance);
  ok = write_feature (ctx, levels, feature, error);
  OGR_F_Destroy (feature);
  return ok;
}

/* Writes every level of one kind and its geometry_levels rows. The ward
 * kind's full layer is written by the wards step, so only its row is added. */
static gboolean
write_kind (WaBuildContext *ctx, OGRLayerH levels, const char *kind, FieldSet fields,
            const LevelSpec *specs, guint n_specs, GPtrArray *areas,
            gboolean full_layer_exists, GError **error)
{
  for (guint i = 0; i < n_specs; i++)
    {
      g_autofree char *layer_name = g_strconcat (kind, specs[i].suffix, NULL);
      double tolerance = tolerance_for_zoom (specs[i].max_zoom);
      gint64 start = g_get_monotonic_time ();

      if (!(tolerance == 0.0 && full_layer_exists)
          && !write_area_level (ctx, layer_name, fields, areas, tolerance, error))
        return FALSE;
      if (!write_level_row (ctx, levels, layer_name, kind, &specs[i], tolerance, error))
        return FALSE;
      if (tolerance > 0.0)
        wa_build_report (ctx, _("%s: zooms %d–%d, tolerance %.6f°, %.1f s"),
                         layer_name, specs[i].min_zoom, specs[i].max_zoom, tolerance,
                         (g_get_monotonic_time () - start) / 1e6);
    }
  return TRUE;
}

static OGRLayerH
create_levels_table (WaBuildContext *ctx, GError **error)
{
  OGRLayerH levels = wa_build_create_layer (ctx, WA_PACK_LAYER_LEVELS, wkbNone, error);

  if (levels == NULL
      || !wa_build_add_field (ctx, levels, WA_PACK_LEVEL_LAYER, OFTString, error)
      || !wa_build_add_field (ctx, levels, WA_PACK_LEVEL_KIND, OFTString, error)
      || !wa_build_add_field (ctx, levels, WA_PACK_LEVEL_MIN_ZOOM, OFTInteger, error)
      || !wa_build_add_field (ctx, levels, WA_PACK_LEVEL_MAX_ZOOM, OFTInteger, error)
      || !wa_build_add_field (ctx, levels, WA_PACK_LEVEL_TOLERANCE, OFTReal, error))
    return NULL;
  return levels;
}

/* ---- LADs ------------------------------------------------------------ */

static void
set_region (Area *lad, const Area *ward)
{
  lad->region_code = g_strdup (ward->region_code);
  lad->region_name = g_strdup (ward->region_name);
}

/* Keeps English LADs and gives each the region of its wards: by LAD code
 * where the wards name it, otherwise (LAD codes of another vintage) by the
 * ward at a point inside the LAD. */
static guint
assign_lad_regions (WaBuildContext *ctx, GPtrArray *lads, GPtrArray *wards)
{
  g_autoptr(GHashTable) ward_by_lad = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) ward_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_unplaced = 0;

  for (guint i = 0; i < wards->len; i++)
    {
      Area *ward = g_ptr_array_index (wards, i);
      g_hash_table_insert (ward_by_code, ward->code, ward);
      if (ward->lad_code != NULL && ward->region_code != NULL)
        g_hash_table_insert (ward_by_lad, ward->lad_code, ward);
    }

  for (guint i = lads->len; i-- > 0;)
    {
      Area *lad = g_ptr_array_index (lads, i);
      const Area *ward = g_hash_table_lookup (ward_by_lad, lad->code);

      if (lad->code[0] != 'E')
        {
          g_ptr_array_remove_index (lads, i);
          continue;
        }
      if (ward == NULL)
        {
          OGRGeometryH point = OGR_G_PointOnSurface (lad->geometry);
          int index = point != NULL
            ? wa_build_locate_ward (ctx, OGR_G_GetX (point, 0), OGR_G_GetY (point, 0)) : -1;

          if (index >= 0)
            ward = g_hash_table_lookup (ward_by_code, g_ptr_array_index (ctx->ward_codes, index));
          if (point != NULL)
            OGR_G_DestroyGeometry (point);
        }
      if (ward != NULL)
        set_region (lad, ward);
      else
        n_unplaced++;
    }
  return n_unplaced;
}

gboolean
wa_build_boundaries (WaBuildContext *ctx, GError **error)
{
  g_autoptr(GPtrArray) wards = NULL;
  g_autoptr(GPtrArray) lads = NULL;
  g_autoptr(GPtrArray) regions = NULL;
  g_autoptr(GPtrArray) land = NULL;
  OGRLayerH levels;
  gboolean started, ok;
  guint n_unplaced;

  wards = read_pack_wards (ctx, error);
  if (wards == NULL)
    return FALSE;
  lads = read_area_source (ctx, "lad-boundaries", error);
  if (lads == NULL)
    return FALSE;
  regions = read_area_source (ctx, "region-boundaries", error);
  if (regions == NULL)
    return FALSE;
  land = read_area_source (ctx, "land-boundaries", error);
  if (land == NULL)
    return FALSE;

  n_unplaced = assign_lad_regions (ctx, lads, wards);
  if (n_unplaced > 0)
    wa_build_report (ctx, _("%u English LADs lie in no ward; written without a region"),
                     n_unplaced);

  started = wa_build_begin (ctx);
  ok = (levels = create_levels_table (ctx, error)) != NULL
    && write_kind (ctx, levels, WA_PACK_LAYER_WARDS, FIELDS_CODE,
                   ward_levels, G_N_ELEMENTS (ward_levels), wards, TRUE, error)
    && write_kind (ctx, levels, WA_PACK_LAYER_LADS, FIELDS_CODE_NAME_REGION,
                   area_levels, G_N_ELEMENTS (area_levels), lads, FALSE, error)
    && write_kind (ctx, levels, WA_PACK_LAYER_REGIONS, FIELDS_CODE_NAME,
                   area_levels, G_N_ELEMENTS (area_levels), regions, FALSE, error)
    && write_kind (ctx, levels, WA_PACK_LAYER_LAND, FIELDS_CODE_NAME,
                   area_levels, G_N_ELEMENTS (area_levels), land, FALSE, error);
  if (!wa_build_end (ctx, started, ok, error))
    return FALSE;

  wa_build_report (ctx, _("Boundaries: %u LADs, %u regions, %u countries"),
                   lads->len, regions->len, land->len);
  return TRUE;
}

/* ---- neighbours ------------------------------------------------------ */

typedef struct {
  double x1, y1, x2, y2;
  guint ward;
} Segment;

typedef struct {
  WaBBox extent;
  double cell;
  guint n_x, n_y;
  guint *cell_start;    /* n_x * n_y + 1 offsets into items */
  guint *items;         /* segment indices */
} SegmentGrid;

static void
collect_segments (WaBuildContext *ctx, GArray *segments, WaBBox *extent)
{
  wa_bbox_init_empty (extent);
  for (guint w = 0; w < ctx->ward_geometries->len; w++)
    {
      const WaGeometry *geometry = g_ptr_array_index (ctx->ward_geometries, w);

      if (geometry == NULL)
        continue;
      wa_bbox_extend (extent, wa_geometry_get_bbox (geometry));
      for (guint r = 0; r < wa_geometry_get_n_rings (geometry); r++)
        {
          guint n;
          const double *xy = wa_geometry_get_ring (geometry, r, &n);

          for (guint i = 0; i < n; i++)
            {
              guint j = (i + 1) % n;   /* closes rings that do not repeat their start */
              Segment s = { xy[2 * i], xy[2 * i + 1], xy[2 * j], xy[2 * j + 1], w };

              if (s.x1 != s.x2 || s.y1 != s.y2)
                g_array_append_val (segments, s);
            }
        }
    }
}

/* The cells a segment's box, grown by the search distance, covers. */
static void
segment_cells (const SegmentGrid *grid, const Segment *s, double pad_x, double pad_y,
               guint *x0, guint *y0, guint *x1, guint *y1)
{
  double min_x = MIN (s->x1, s->x2) - pad_x, max_x = MAX (s->x1, s->x2) + pad_x;
  double min_y = MIN (s->y1, s->y2) - pad_y, max_y = MAX (s->y1, s->y2) + pad_y;

  *x0 = (guint) CLAMP ((min_x - grid->extent.min_x) / grid->cell, 0, grid->n_x - 1);
  *x1 = (guint) CLAMP ((max_x - grid->extent.min_x) / grid->cell, 0, grid->n_x - 1);
  *y0 = (guint) CLAMP ((min_y - grid->extent.min_y) / grid->cell, 0, grid->n_y - 1);
  *y1 = (guint) CLAMP ((max_y - grid->extent.min_y) / grid->cell, 0, grid->n_y - 1);
}

/* Buckets every segment into the grid cells it may touch (two passes:
 * count, then fill, so the grid is two flat arrays). */
static void
segment_grid_build (SegmentGrid *grid, GArray *segments, const WaBBox *extent,
                    double pad_x, double pad_y)
{
  guint n_cells;
  guint *fill;

  grid->extent = *extent;
  grid->cell = MAX (SEGMENT_CELL_DEG,
                    MAX (extent->max_x - extent->min_x, extent->max_y - extent->min_y) / SEGMENT_GRID_MAX);
  grid->n_x = (guint) ((extent->max_x - extent->min_x) / grid->cell) + 1;
  grid->n_y = (guint) ((extent->max_y - extent->min_y) / grid->cell) + 1;
  n_cells = grid->n_x * grid->n_y;
  grid->cell_start = g_new0 (guint, n_cells + 1);

  for (guint pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        {
          for (guint c = 0; c < n_cells; c++)
            grid->cell_start[c + 1] += grid->cell_start[c];
          grid->items = g_new (guint, MAX (grid->cell_start[n_cells], 1));
          fill = g_memdup2 (grid->cell_start, sizeof (guint) * n_cells);
        }
      for (guint i = 0; i < segments->len; i++)
        {
          guint x0, y0, x1, y1;

          segment_cells (grid, &g_array_index (segments, Segment, i), pad_x, pad_y,
                         &x0, &y0, &x1, &y1);
          for (guint y = y0; y <= y1; y++)
            for (guint x = x0; x <= x1; x++)
              {
                guint c = y * grid->n_x + x;
                if (pass == 0)
                  grid->cell_start[c + 1]++;
                else
                  grid->items[fill[c]++] = i;
              }
        }
    }
  g_free (fill);
}

static double
point_segment_distance2 (double px, double py, double ax, double ay, double bx, double by)
{
  double dx = bx - ax, dy = by - ay;
  double length2 = dx * dx + dy * dy;
  double t = length2 > 0.0 ? ((px - ax) * dx + (py - ay) * dy) / length2 : 0.0;

  t = CLAMP (t, 0.0, 1.0);
  dx = ax + t * dx - px;
  dy = ay + t * dy - py;
  return dx * dx + dy * dy;
}

static double
cross (double ax, double ay, double bx, double by, double cx, double cy)
{
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/* Squared distance in metres between two segments in degrees, measured in
 * a local plane (good to a fraction of a metre over a few hundred metres). */
static double
segment_distance2 (const Segment *a, const Segment *b)
{
  double kx = METRES_PER_DEGREE_LON * cos ((a->y1 + b->y1) * 0.5 * G_PI / 180.0);
  double ky = METRES_PER_DEGREE_LAT;
  double ax1 = a->x1 * kx, ay1 = a->y1 * ky, ax2 = a->x2 * kx, ay2 = a->y2 * ky;
  double bx1 = b->x1 * kx, by1 = b->y1 * ky, bx2 = b->x2 * kx, by2 = b->y2 * ky;
  double d1 = cross (ax1, ay1, ax2, ay2, bx1, by1);
  double d2 = cross (ax1, ay1, ax2, ay2, bx2, by2);
  double d3 = cross (bx1, by1, bx2, by2, ax1, ay1);
  double d4 = cross (bx1, by1, bx2, by2, ax2, ay2);
  double best;

  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
    return 0.0;
  best = point_segment_distance2 (ax1, ay1, bx1, by1, bx2, by2);
  best = MIN (best, point_segment_distance2 (ax2, ay2, bx1, by1, bx2, by2));
  best = MIN (best, point_segment_distance2 (bx1, by1, ax1, ay1, ax2, ay2));
  best = MIN (best, point_segment_distance2 (bx2, by2, ax1, ay1, ax2, ay2));
  return best;
}

static gboolean
has_neighbour (GArray *neighbours, guint ward)
{
  for (guint i = 0; i < neighbours->len; i++)
    if (g_array_index (neighbours, guint, i) == ward)
      return TRUE;
  return FALSE;
}

/* Tests every pair of segments of different wards that share a cell;
 * with only set, just the pairs that involve a ward it flags. */
static void
find_neighbours (const SegmentGrid *grid, GArray *segments, double distance_m,
                 const gboolean *only, GArray **neighbours)
{
  double limit2 = distance_m * distance_m;

  for (guint c = 0; c < grid->n_x * grid->n_y; c++)
    for (guint i = grid->cell_start[c]; i < grid->cell_start[c + 1]; i++)
      {
        const Segment *a = &g_array_index (segments, Segment, grid->items[i]);

        for (guint j = i + 1; j < grid->cell_start[c + 1]; j++)
          {
            const Segment *b = &g_array_index (segments, Segment, grid->items[j]);

            if (a->ward == b->ward || (only != NULL && !only[a->ward] && !only[b->ward])
                || has_neighbour (neighbours[a->ward], b->ward))
              continue;
            if (segment_distance2 (a, b) < limit2)
              {
                g_array_append_val (neighbours[a->ward], b->ward);
                g_array_append_val (neighbours[b->ward], a->ward);
              }
          }
      }
}

static int
compare_uint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

static gboolean
write_neighbours (WaBuildContext *ctx, GArray **neighbours, guint n_wards,
                  guint *out_pairs, GError **error)
{
  OGRLayerH layer = wa_build_create_layer (ctx, WA_PACK_LAYER_NEIGHBOURS, wkbNone, error);
  OGRFeatureH feature;
  gboolean ok = TRUE;

  *out_pairs = 0;
  if (layer == NULL
      || !wa_build_add_field (ctx, layer, WA_PACK_NB_WARD, OFTString, error)
      || !wa_build_add_field (ctx, layer, WA_PACK_NB_NEIGHBOUR, OFTString, error))
    return FALSE;
  feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
  for (guint w = 0; ok && w < n_wards; w++)
    {
      g_array_sort (neighbours[w], compare_uint);
      for (guint i = 0; ok && i < neighbours[w]->len; i++)
        {
          OGR_F_SetFieldString (feature, 0, g_ptr_array_index (ctx->ward_codes, w));
          OGR_F_SetFieldString (feature, 1,
                                g_ptr_array_index (ctx->ward_codes, g_array_index (neighbours[w], guint, i)));
          ok = write_feature (ctx, layer, feature, error);
          (*out_pairs)++;
        }
    }
  OGR_F_Destroy (feature);
  return ok;
}

static void
create_index (WaBuildContext *ctx, const char *table, const char *column)
{
  g_autofree char *sql = g_strdup_printf ("CREATE INDEX \"%s_%s_idx\" ON \"%s\"(\"%s\")",
                                          table, column, table, column);
  OGRLayerH result;

  /* Only lookups get slower without the index, so a failure is reported
   * rather than fatal. */
  wa_gdal_clear_message ();
  result = GDALDatasetExecuteSQL (ctx->out, sql, NULL, NULL);
  if (result != NULL)
    GDALDatasetReleaseResultSet (ctx->out, result);
  if (*wa_gdal_last_message () != '\0')
    wa_build_report (ctx, _("%s: cannot index table “%s”: %s"),
                     wa_build_pack_path (ctx), table, wa_gdal_last_message ());
}

/* Mapped wards without neighbours; flags them in *out_flags when given. */
static guint
flag_isolated (WaBuildContext *ctx, GArray **neighbours, gboolean **out_flags)
{
  guint n_wards = ctx->ward_codes->len;
  guint n = 0;

  if (out_flags != NULL)
    *out_flags = g_new0 (gboolean, MAX (n_wards, 1));
  for (guint w = 0; w < n_wards; w++)
    if (neighbours[w]->len == 0 && g_ptr_array_index (ctx->ward_geometries, w) != NULL)
      {
        if (out_flags != NULL)
          (*out_flags)[w] = TRUE;
        n++;
      }
  return n;
}

static void
find_within (WaBuildContext *ctx, GArray *segments, const WaBBox *extent,
             double distance_m, const gboolean *only, GArray **neighbours)
{
  SegmentGrid grid = { 0 };
  /* Pad in degrees at the northern edge, where a metre is most degrees of longitude. */
  double pad_y = distance_m / METRES_PER_DEGREE_LAT;
  double pad_x = distance_m
    / (METRES_PER_DEGREE_LON * cos (MAX (fabs (extent->max_y), fabs (extent->min_y)) * G_PI / 180.0));

  segment_grid_build (&grid, segments, extent, pad_x, pad_y);
  find_neighbours (&grid, segments, distance_m, only, neighbours);
  g_free (grid.cell_start);
  g_free (grid.items);
}

gboolean
wa_build_neighbours (WaBuildContext *ctx, GError **error)
{
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  WaBBox extent;
  GArray **neighbours;
  guint n_wards = ctx->ward_codes->len;
  gboolean *isolated = NULL;
  guint n_pairs = 0, n_isolated = 0, n_alone;
  gint64 start = g_get_monotonic_time ();
  gboolean started, ok;

  g_return_val_if_fail (ctx->ward_geometries->len == n_wards, FALSE);

  collect_segments (ctx, segments, &extent);
  neighbours = g_new (GArray *, MAX (n_wards, 1));
  for (guint w = 0; w < n_wards; w++)
    neighbours[w] = g_array_new (FALSE, FALSE, sizeof (guint));

  if (segments->len > 0)
    {
      find_within (ctx, segments, &extent, NEIGHBOUR_DISTANCE_M, NULL, neighbours);
      n_isolated = flag_isolated (ctx, neighbours, &isolated);
      if (n_isolated > 0)
        find_within (ctx, segments, &extent, ISOLATED_DISTANCE_M, isolated, neighbours);
    }

  started = wa_build_begin (ctx);
  ok = write_neighbours (ctx, neighbours, n_wards, &n_pairs, error);
  if (ok)
    create_index (ctx, WA_PACK_LAYER_NEIGHBOURS, WA_PACK_NB_WARD);
  ok = wa_build_end (ctx, started, ok, error);

  n_alone = flag_isolated (ctx, neighbours, NULL);
  for (guint w = 0; w < n_wards; w++)
    g_array_unref (neighbours[w]);
  g_free (neighbours);
  g_free (isolated);
  if (!ok)
    return FALSE;

  wa_build_report (ctx, _("Neighbours: %u pairs among %u wards within %.0f m "
                          "(%u otherwise isolated wards joined within %.0f m; %u mapped wards have none), %.1f s"),
                   n_pairs / 2, n_wards, NEIGHBOUR_DISTANCE_M, n_isolated - n_alone,
                   ISOLATED_DISTANCE_M, n_alone, (g_get_monotonic_time () - start) / 1e6);
  return TRUE;
}
