/* wa-build-geometry.c: the pack's boundary layers other than the full
 * "wards" layer (simplified ward levels of detail, LADs, regions, land)
 * and the "geometry_levels" table that says which layer serves which
 * zooms. The "ward_neighbours" table is in wa-build-neighbours.c. */
#include <inttypes.h>
#include "wa-build-source.h"
#include "wa-error.h"
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

typedef struct {
  const char *suffix;   /* appended to the kind: "_lod0", or "" for the full layer */
  int min_zoom;
  int max_zoom;         /* 99 = no limit */
} LevelSpec;

/* Each level is exact to half a pixel of a 512 px tile at its maximum
 * zoom (a 256 px tile one zoom further in). One level per zoom: a level
 * serving several zooms is needlessly fine at all but its last (a 256 px
 * tile at zoom 7 drew a level made for zoom 8, one at zoom 4 a level made
 * for zoom 6; issue 18). From zoom 9 on, levels of the 2019 wards kept
 * over 92 % of the full geometry's vertices: the full layer serves, as
 * every level is held in memory. The coarsest matters most: it draws all
 * of England at start-up. Boundaries are stroked at every zoom, so they
 * have the same levels as wards. */
static const LevelSpec level_specs[] = {
  { "_lod0", 0, 3 },  { "_lod1", 4, 4 },  { "_lod2", 5, 5 },
  { "_lod3", 6, 6 },  { "_lod4", 7, 7 },  { "_lod5", 8, 8 },
  { "", 9, 99 },
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

OGRGeometryH
wa_build_polygons_only (OGRGeometryH geometry)
{
  OGRGeometryH multi = OGR_G_CreateGeometry (wkbMultiPolygon);

  collect_polygons (geometry, multi);
  return multi;
}

OGRGeometryH
wa_build_drop_specks (OGRGeometryH multi, double min_area)
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
  OGRGeometryH multi = wa_build_polygons_only (geometry);

  OGR_G_DestroyGeometry (geometry);
  return multi;
}

OGRGeometryH
wa_build_simplify_area (OGRGeometryH geometry, double tolerance)
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
    simple = wa_build_drop_specks (as_multipolygon (simple), tolerance * tolerance);
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
  g_autoptr(GPtrArray) areas = NULL;
  WaBuildSource s = { 0 };
  OGRFeatureH feature;
  OGRCoordinateTransformationH transform = NULL;
  int code_index, name_index;
  gint64 n_skipped = 0;
  GError *local_error = NULL;

  source = wa_manifest_find_role (ctx->manifest, ctx->edition, role, error);
  if (source == NULL
      || wa_manifest_source_column (source, "code", error) == NULL
      || wa_manifest_source_column (source, "name", error) == NULL)
    return NULL;
  if (!wa_build_source_open (&s, ctx, source, WA_BUILD_SOURCE_VECTOR, error)
      || (code_index = wa_build_source_column (&s, "code", TRUE, error)) < 0
      || (name_index = wa_build_source_column (&s, "name", TRUE, error)) < 0)
    goto out;
  transform = transform_to_wgs84 (s.layer, s.path, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      goto out;
    }

  areas = g_ptr_array_new_with_free_func (area_free);
  while ((feature = wa_build_source_next (&s)) != NULL)
    {
      Area *area;
      OGRGeometryH geometry = OGR_F_StealGeometry (feature);

      if (geometry == NULL || OGR_G_IsEmpty (geometry)
          || wa_gdal_field_string (feature, code_index) == NULL
          || (transform != NULL && OGR_G_Transform (geometry, transform) != OGRERR_NONE))
        {
          if (n_skipped++ < 3)
            wa_build_report (ctx, _("%s: feature %" PRId64 " has no code or no usable geometry; skipped"),
                             s.path, (gint64) OGR_F_GetFID (feature));
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
  if (!wa_build_source_check_end (&s, error))
    {
      g_clear_pointer (&areas, g_ptr_array_unref);
      goto out;
    }

  if (n_skipped > 0)
    wa_build_report (ctx, _("%s: %" PRId64 " of %" PRId64 " features skipped"),
                     s.path, n_skipped, s.row);
  if (areas->len == 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                   _("%s: no usable features (%" PRId64 " read)"), s.path, s.row);
      g_clear_pointer (&areas, g_ptr_array_unref);
    }

out:
  if (transform != NULL)
    OCTDestroyCoordinateTransformation (transform);
  wa_build_source_close (&s);
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
  /* Each field set is a prefix of this list. */
  static const WaBuildField area_fields[] = {
    { WA_PACK_AREA_CODE, OFTString },
    { WA_PACK_AREA_NAME, OFTString },
    { WA_PACK_AREA_REGION_CODE, OFTString },
    { WA_PACK_AREA_REGION_NAME, OFTString },
  };
  static const guint n_fields[] = {
    [FIELDS_CODE] = 1,
    [FIELDS_CODE_NAME] = 2,
    [FIELDS_CODE_NAME_REGION] = 4,
  };

  return wa_build_create_layer_with_fields (ctx, name, wkbMultiPolygon,
                                            area_fields, n_fields[fields], error);
}

static void
set_string_or_null (OGRFeatureH feature, int index, const char *value)
{
  if (value != NULL)
    OGR_F_SetFieldString (feature, index, value);
  else
    OGR_F_SetFieldNull (feature, index);
}

/* Every area's geometry at a level: the full level (tolerance 0) keeps
 * the source geometry as it is; the others simplify the areas together
 * (wa-build-coverage.c), and say how many had to be simplified alone. */
static OGRGeometryH *
level_geometries (WaBuildContext *ctx, const char *layer_name, GPtrArray *areas,
                  double tolerance)
{
  g_autofree OGRGeometryH *sources = g_new0 (OGRGeometryH, MAX (areas->len, 1));
  OGRGeometryH *result;
  guint n_alone = 0;

  for (guint i = 0; i < areas->len; i++)
    sources[i] = ((const Area *) g_ptr_array_index (areas, i))->geometry;
  if (tolerance <= 0.0)
    {
      result = g_new0 (OGRGeometryH, MAX (areas->len, 1));
      for (guint i = 0; i < areas->len; i++)
        if (sources[i] != NULL)
          result[i] = wa_build_simplify_area (sources[i], 0.0);
      return result;
    }
  result = wa_build_simplify_coverage (sources, areas->len, tolerance, &n_alone);
  if (n_alone > 0)
    wa_build_report (ctx, _("%s: %u of %u areas simplified on their own (shared boundaries "
                            "would have left them empty or invalid beyond repair)"),
                     layer_name, n_alone, areas->len);
  return result;
}

/* Writes one level of a kind. */
static gboolean
write_area_level (WaBuildContext *ctx, const char *layer_name, FieldSet fields,
                  GPtrArray *areas, double tolerance, GError **error)
{
  OGRLayerH layer = create_area_layer (ctx, layer_name, fields, error);
  g_autofree OGRGeometryH *geometries = NULL;
  OGRFeatureH feature;
  gboolean ok = TRUE;

  if (layer == NULL)
    return FALSE;
  geometries = level_geometries (ctx, layer_name, areas, tolerance);
  feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
  for (guint i = 0; i < areas->len; i++)
    {
      const Area *area = g_ptr_array_index (areas, i);

      if (geometries[i] == NULL)
        continue;
      if (!ok)
        {
          OGR_G_DestroyGeometry (geometries[i]);
          continue;
        }
      OGR_F_SetFieldString (feature, 0, area->code);
      if (fields >= FIELDS_CODE_NAME)
        set_string_or_null (feature, 1, area->name);
      if (fields >= FIELDS_CODE_NAME_REGION)
        {
          set_string_or_null (feature, 2, area->region_code);
          set_string_or_null (feature, 3, area->region_name);
        }
      OGR_F_SetGeometryDirectly (feature, geometries[i]);
      ok = wa_build_write_feature (ctx, layer, feature, error);
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
  ok = wa_build_write_feature (ctx, levels, feature, error);
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
  static const WaBuildField fields[] = {
    { WA_PACK_LEVEL_LAYER, OFTString },
    { WA_PACK_LEVEL_KIND, OFTString },
    { WA_PACK_LEVEL_MIN_ZOOM, OFTInteger },
    { WA_PACK_LEVEL_MAX_ZOOM, OFTInteger },
    { WA_PACK_LEVEL_TOLERANCE, OFTReal },
  };

  return wa_build_create_layer_with_fields (ctx, WA_PACK_LAYER_LEVELS, wkbNone,
                                            fields, G_N_ELEMENTS (fields), error);
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
                   level_specs, G_N_ELEMENTS (level_specs), wards, TRUE, error)
    && write_kind (ctx, levels, WA_PACK_LAYER_LADS, FIELDS_CODE_NAME_REGION,
                   level_specs, G_N_ELEMENTS (level_specs), lads, FALSE, error)
    && write_kind (ctx, levels, WA_PACK_LAYER_REGIONS, FIELDS_CODE_NAME,
                   level_specs, G_N_ELEMENTS (level_specs), regions, FALSE, error)
    && write_kind (ctx, levels, WA_PACK_LAYER_LAND, FIELDS_CODE_NAME,
                   level_specs, G_N_ELEMENTS (level_specs), land, FALSE, error);
  if (!wa_build_end (ctx, started, ok, error))
    return FALSE;

  wa_build_report (ctx, _("Boundaries: %u LADs, %u regions, %u countries"),
                   lads->len, regions->len, land->len);
  return TRUE;
}

