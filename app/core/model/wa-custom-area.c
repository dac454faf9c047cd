/* wa-custom-area.c: a user's area (wa-custom-area.h): what defines it,
 * and reading boundary files into areas through GDAL. A polygon is kept
 * as ISO WKB in EPSG:4326, always valid (an invalid outline is repaired
 * with OGR_G_MakeValid on the way in), plus a WaGeometry for the map and
 * point tests. */
#include "wa-custom-area.h"
#include "wa-error.h"
#include "wa-gdal-util.h"
#include "wa-search.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

/* England's extent with a margin, lon/lat: an imported area wholly
 * outside it cannot touch an LSOA of either pack. */
static const WaBBox england_extent = { -6.6, 49.8, 2.1, 55.9 };

struct _WaCustomArea {
  GObject parent_instance;
  char *id;
  char *name;
  WaCustomAreaKind kind;
  GStrv codes;
  GBytes *wkb;
  WaGeometry *geometry;
  gboolean repaired;
  char *note;
  char *source;
};

G_DEFINE_FINAL_TYPE (WaCustomArea, wa_custom_area, G_TYPE_OBJECT)

enum { PROP_0, PROP_ID, PROP_NAME, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
wa_custom_area_finalize (GObject *object)
{
  WaCustomArea *self = WA_CUSTOM_AREA (object);

  g_free (self->id);
  g_free (self->name);
  g_strfreev (self->codes);
  g_clear_pointer (&self->wkb, g_bytes_unref);
  g_clear_pointer (&self->geometry, wa_geometry_unref);
  g_free (self->note);
  g_free (self->source);
  G_OBJECT_CLASS (wa_custom_area_parent_class)->finalize (object);
}

static void
wa_custom_area_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  WaCustomArea *self = WA_CUSTOM_AREA (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wa_custom_area_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  WaCustomArea *self = WA_CUSTOM_AREA (object);

  switch (prop_id)
    {
    case PROP_NAME:
      wa_custom_area_set_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wa_custom_area_class_init (WaCustomAreaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wa_custom_area_finalize;
  object_class->get_property = wa_custom_area_get_property;
  object_class->set_property = wa_custom_area_set_property;
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                               | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wa_custom_area_init (WaCustomArea *self)
{
  self->id = g_uuid_string_random ();
  self->codes = g_new0 (char *, 1);
}

static WaCustomArea *
new_area (const char *name, WaCustomAreaKind kind)
{
  WaCustomArea *self = g_object_new (WA_TYPE_CUSTOM_AREA, NULL);

  self->name = g_strdup (name != NULL && *name != '\0' ? name : _("Unnamed area"));
  self->kind = kind;
  return self;
}

static WaCustomArea *
new_set (const char *name, WaCustomAreaKind kind, const char *const *codes)
{
  WaCustomArea *self = new_area (name, kind);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      char *code = g_strstrip (g_strdup (codes[i]));

      if (*code == '\0' || g_hash_table_contains (seen, code))
        {
          g_free (code);
          continue;
        }
      g_strv_builder_add (builder, code);
      g_hash_table_add (seen, code);
    }
  g_strfreev (self->codes);
  self->codes = g_strv_builder_end (builder);
  return self;
}

WaCustomArea *
wa_custom_area_new_wards (const char *name, const char *const *codes)
{
  return new_set (name, WA_CUSTOM_AREA_WARDS, codes);
}

WaCustomArea *
wa_custom_area_new_lsoas (const char *name, const char *const *codes)
{
  return new_set (name, WA_CUSTOM_AREA_LSOAS, codes);
}

/* ---- polygons --------------------------------------------------------- */

/* Appends every polygon inside geometry (a polygon, multipolygon, curve or
 * collection) to multi; lines and points are left out. */
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
  if (type == wkbCurvePolygon || type == wkbMultiSurface)
    {
      OGRGeometryH linear = OGR_G_GetLinearGeometry (geometry, 0, NULL);

      if (linear != NULL)
        {
          collect_polygons (linear, multi);
          OGR_G_DestroyGeometry (linear);
        }
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

static guint64
count_vertices (OGRGeometryH geometry)
{
  int n = OGR_G_GetGeometryCount (geometry);
  guint64 total = 0;

  if (n == 0)
    return (guint64) MAX (OGR_G_GetPointCount (geometry), 0);
  for (int i = 0; i < n; i++)
    total += count_vertices (OGR_G_GetGeometryRef (geometry, i));
  return total;
}

/* Takes geometry (lon/lat): keeps its polygons, repairs it if invalid and
 * stores it in self. FALSE (no error) when no polygon is left. */
static gboolean
set_polygon (WaCustomArea *self, OGRGeometryH geometry, GError **error)
{
  OGRGeometryH multi;
  g_autofree guint8 *wkb = NULL;
  int size;

  OGR_G_FlattenTo2D (geometry);
  multi = polygons_only (geometry);
  OGR_G_DestroyGeometry (geometry);
  if (!OGR_G_IsEmpty (multi) && !OGR_G_IsValid (multi))
    {
      OGRGeometryH valid = OGR_G_MakeValid (multi);

      OGR_G_DestroyGeometry (multi);
      multi = valid != NULL ? polygons_only (valid) : OGR_G_CreateGeometry (wkbMultiPolygon);
      if (valid != NULL)
        OGR_G_DestroyGeometry (valid);
      self->repaired = TRUE;
      g_free (self->note);
      self->note = g_strdup (_("The outline crossed itself and was repaired: where it "
                               "crossed, the area is split into parts that do not overlap."));
    }
  if (OGR_G_IsEmpty (multi))
    {
      OGR_G_DestroyGeometry (multi);
      return FALSE;
    }
  size = OGR_G_WkbSize (multi);
  wkb = g_malloc (size);
  OGR_G_ExportToIsoWkb (multi, wkbNDR, wkb);
  OGR_G_DestroyGeometry (multi);
  g_clear_pointer (&self->geometry, wa_geometry_unref);
  self->geometry = wa_geometry_new_from_wkb (wkb, size, error);
  if (self->geometry == NULL)
    return FALSE;
  g_clear_pointer (&self->wkb, g_bytes_unref);
  self->wkb = g_bytes_new_take (g_steal_pointer (&wkb), size);
  return TRUE;
}

static OGRGeometryH
ring_polygon (const double *xy, guint n)
{
  OGRGeometryH polygon = OGR_G_CreateGeometry (wkbPolygon);
  OGRGeometryH ring = OGR_G_CreateGeometry (wkbLinearRing);

  for (guint i = 0; i < n; i++)
    OGR_G_AddPoint_2D (ring, xy[2 * i], xy[2 * i + 1]);
  if (n > 0 && (xy[0] != xy[2 * (n - 1)] || xy[1] != xy[2 * (n - 1) + 1]))
    OGR_G_AddPoint_2D (ring, xy[0], xy[1]);
  OGR_G_AddGeometryDirectly (polygon, ring);
  return polygon;
}

WaCustomArea *
wa_custom_area_new_polygon (const char *name, const WaGeometry *geometry, GError **error)
{
  g_autoptr(WaCustomArea) self = new_area (name, WA_CUSTOM_AREA_POLYGON);
  OGRGeometryH result = NULL;
  GError *local = NULL;

  wa_gdal_init_geopackage ();
  for (guint r = 0; r < wa_geometry_get_n_rings (geometry); r++)
    {
      guint n;
      const double *xy = wa_geometry_get_ring (geometry, r, &n);
      OGRGeometryH polygon, combined;

      if (n < 3)
        continue;
      polygon = ring_polygon (xy, n);
      if (!OGR_G_IsValid (polygon))
        {
          OGRGeometryH valid = OGR_G_MakeValid (polygon);

          OGR_G_DestroyGeometry (polygon);
          polygon = valid != NULL ? polygons_only (valid) : OGR_G_CreateGeometry (wkbMultiPolygon);
          if (valid != NULL)
            OGR_G_DestroyGeometry (valid);
          self->repaired = TRUE;
        }
      if (result == NULL)
        {
          result = polygon;
          continue;
        }
      /* Even-odd, as WaGeometry reads its rings: a ring inside another is a hole. */
      combined = OGR_G_SymDifference (result, polygon);
      OGR_G_DestroyGeometry (result);
      OGR_G_DestroyGeometry (polygon);
      result = combined;
      if (result == NULL)
        break;
    }
  if (result == NULL || !set_polygon (self, result, &local))
    {
      if (local != NULL)
        g_propagate_error (error, local);
      else
        g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
                     _("The outline of “%s” encloses no area: it needs at least three points "
                       "that are not on one line"), self->name);
      return NULL;
    }
  if (self->repaired && self->note == NULL)
    self->note = g_strdup (_("The outline crossed itself and was repaired: where it "
                             "crossed, the area is split into parts that do not overlap."));
  return g_steal_pointer (&self);
}

WaCustomArea *
wa_custom_area_new_from_wkb (const char *name, const guint8 *wkb, gsize size, GError **error)
{
  g_autoptr(WaCustomArea) self = new_area (name, WA_CUSTOM_AREA_POLYGON);
  OGRGeometryH geometry = NULL;
  GError *local = NULL;

  wa_gdal_init_geopackage ();
  if (size > G_MAXINT
      || OGR_G_CreateFromWkb (wkb, NULL, &geometry, (int) size) != OGRERR_NONE || geometry == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE, _("The outline of “%s” is not valid WKB"),
                   self->name);
      return NULL;
    }
  if (!set_polygon (self, geometry, &local))
    {
      if (local != NULL)
        g_propagate_error (error, local);
      else
        g_set_error (error, WA_ERROR, WA_ERROR_INVALID, _("The outline of “%s” encloses no area"),
                     self->name);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/* ---- accessors -------------------------------------------------------- */

const char *
wa_custom_area_get_id (WaCustomArea *self)
{
  g_return_val_if_fail (WA_IS_CUSTOM_AREA (self), NULL);
  return self->id;
}

void
wa_custom_area_set_id (WaCustomArea *self, const char *id)
{
  g_return_if_fail (WA_IS_CUSTOM_AREA (self) && id != NULL && *id != '\0');
  if (g_strcmp0 (self->id, id) == 0)
    return;
  g_free (self->id);
  self->id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
wa_custom_area_get_name (WaCustomArea *self)
{
  g_return_val_if_fail (WA_IS_CUSTOM_AREA (self), NULL);
  return self->name;
}

void
wa_custom_area_set_name (WaCustomArea *self, const char *name)
{
  g_return_if_fail (WA_IS_CUSTOM_AREA (self));
  if (name == NULL || *name == '\0' || g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

WaCustomAreaKind
wa_custom_area_get_kind (WaCustomArea *self)
{
  g_return_val_if_fail (WA_IS_CUSTOM_AREA (self), WA_CUSTOM_AREA_WARDS);
  return self->kind;
}

const char *
wa_custom_area_kind_id (WaCustomAreaKind kind)
{
  switch (kind)
    {
    case WA_CUSTOM_AREA_WARDS:
      return "wards";
    case WA_CUSTOM_AREA_LSOAS:
      return "lsoas";
    case WA_CUSTOM_AREA_POLYGON:
      return "polygon";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *const *
wa_custom_area_get_codes (WaCustomArea *self)
{
  g_return_val_if_fail (WA_IS_CUSTOM_AREA (self), NULL);
  return (const char *const *) self->codes;
}

WaGeometry *
wa_custom_area_get_geometry (WaCustomArea *self)
{
  g_return_val_if_fail (WA_IS_CUSTOM_AREA (self), NULL);
  return self->geometry;
}

GBytes *
wa_custom_area_get_wkb (WaCustomArea *self)
{
  g_return_val_if_fail (WA_IS_CUSTOM_AREA (self), NULL);
  return self->wkb;
}

gboolean
wa_custom_area_get_repaired (WaCustomArea *self)
{
  g_return_val_if_fail (WA_IS_CUSTOM_AREA (self), FALSE);
  return self->repaired;
}

const char *
wa_custom_area_get_note (WaCustomArea *self)
{
  g_return_val_if_fail (WA_IS_CUSTOM_AREA (self), NULL);
  return self->note;
}

const char *
wa_custom_area_get_source (WaCustomArea *self)
{
  g_return_val_if_fail (WA_IS_CUSTOM_AREA (self), NULL);
  return self->source;
}

void
wa_custom_area_set_source (WaCustomArea *self, const char *source)
{
  g_return_if_fail (WA_IS_CUSTOM_AREA (self));
  g_free (self->source);
  self->source = g_strdup (source);
}

/* ---- boundary files --------------------------------------------------- */

static int
guess_name_field (OGRFeatureDefnH defn)
{
  int n = OGR_FD_GetFieldCount (defn);

  for (int i = 0; i < n; i++)
    if (g_ascii_strcasecmp (OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i)), "name") == 0)
      return i;
  for (int i = 0; i < n; i++)
    {
      g_autofree char *lower = g_ascii_strdown (OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i)), -1);

      if (strstr (lower, "name") != NULL || g_str_has_suffix (lower, "nm"))
        return i;
    }
  for (int i = 0; i < n; i++)
    if (OGR_Fld_GetType (OGR_FD_GetFieldDefn (defn, i)) == OFTString)
      return i;
  return -1;
}

static gboolean
driver_is_lonlat (GDALDatasetH dataset)
{
  const char *driver = GDALGetDriverShortName (GDALGetDatasetDriver (dataset));

  return g_strcmp0 (driver, "GeoJSON") == 0 || g_strcmp0 (driver, "GeoJSONSeq") == 0
         || g_strcmp0 (driver, "KML") == 0 || g_strcmp0 (driver, "LIBKML") == 0;
}

typedef struct {
  const char *path;
  char *basename;
  guint64 n_vertices;
  guint n_features;
  guint n_outside;
  GPtrArray *areas;
} ImportState;

static gboolean
import_layer (ImportState *state, GDALDatasetH dataset, OGRLayerH layer, const char *name_field,
              GError **error)
{
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
  OGRSpatialReferenceH layer_srs = OGR_L_GetSpatialRef (layer);
  OGRSpatialReferenceH wgs84 = NULL, source_srs = NULL;
  OGRCoordinateTransformationH transform = NULL;
  g_autoptr(WaFeatureGuard) seen = NULL;
  OGRFeatureH feature;
  int name_index;
  gboolean ok = TRUE;

  if (name_field != NULL)
    {
      name_index = OGR_FD_GetFieldIndex (defn, name_field);
      if (name_index < 0)
        {
          g_autoptr(GString) fields = g_string_new (NULL);

          for (int i = 0; i < OGR_FD_GetFieldCount (defn); i++)
            g_string_append_printf (fields, "%s“%s”", i > 0 ? ", " : "",
                                    OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i)));
          g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                       _("%s: layer “%s” has no field “%s” to name the areas (its fields: %s)"),
                       state->path, OGR_L_GetName (layer), name_field,
                       fields->len > 0 ? fields->str : _("none"));
          return FALSE;
        }
    }
  else
    name_index = guess_name_field (defn);

  if (layer_srs != NULL)
    {
      wgs84 = wa_gdal_srs_new (4326);
      source_srs = OSRClone (layer_srs);
      OSRSetAxisMappingStrategy (source_srs, OAMS_TRADITIONAL_GIS_ORDER);
      if (!OSRIsSame (source_srs, wgs84))
        transform = OCTNewCoordinateTransformation (source_srs, wgs84);
      if (!OSRIsSame (source_srs, wgs84) && transform == NULL)
        {
          g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
                       _("%s: layer “%s”: its coordinate reference system cannot be converted "
                         "to longitude and latitude (%s)"),
                       state->path, OGR_L_GetName (layer), wa_gdal_last_message ());
          ok = FALSE;
        }
    }
  OGR_L_ResetReading (layer);
  while (ok && (feature = wa_gdal_next_feature (layer, &seen)) != NULL)
    {
      OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
      g_autoptr(WaCustomArea) area = NULL;
      g_autoptr(GError) local = NULL;
      const char *name = name_index >= 0 ? wa_gdal_field_string (feature, name_index) : NULL;
      g_autofree char *fallback = NULL;

      state->n_features++;
      if (geometry == NULL || OGR_G_IsEmpty (geometry))
        {
          OGR_F_Destroy (feature);
          continue;
        }
      state->n_vertices += count_vertices (geometry);
      if (state->n_vertices > WA_CUSTOM_AREA_MAX_VERTICES)
        {
          g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
                       _("%s: more than %d vertices; simplify the boundaries first (for "
                         "example with “ogr2ogr -simplify 5”)"),
                       state->path, WA_CUSTOM_AREA_MAX_VERTICES);
          OGR_F_Destroy (feature);
          ok = FALSE;
          break;
        }
      if (layer_srs == NULL && !driver_is_lonlat (dataset))
        {
          g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
                       _("%s: layer “%s” does not say its coordinate reference system (a "
                         "Shapefile needs its .prj file); cannot place it on the map"),
                       state->path, OGR_L_GetName (layer));
          OGR_F_Destroy (feature);
          ok = FALSE;
          break;
        }
      geometry = OGR_G_Clone (geometry);
      if (transform != NULL && OGR_G_Transform (geometry, transform) != OGRERR_NONE)
        {
          g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
                       _("%s: layer “%s”: feature %" G_GINT64_FORMAT " cannot be converted to "
                         "longitude and latitude"),
                       state->path, OGR_L_GetName (layer), (gint64) OGR_F_GetFID (feature));
          OGR_G_DestroyGeometry (geometry);
          OGR_F_Destroy (feature);
          ok = FALSE;
          break;
        }
      if (name == NULL)
        name = fallback = g_strdup_printf ("%s %u", state->basename, state->areas->len + 1);
      area = new_area (name, WA_CUSTOM_AREA_POLYGON);
      wa_custom_area_set_source (area, state->path);
      /* One area of many outside England is kept: computing its figures
       * names it. Only a file with nothing in England is refused here. */
      if (set_polygon (area, geometry, &local))
        {
          if (!wa_bbox_intersects (wa_geometry_get_bbox (area->geometry), &england_extent))
            state->n_outside++;
          g_ptr_array_add (state->areas, g_steal_pointer (&area));
        }
      OGR_F_Destroy (feature);
    }
  if (transform != NULL)
    OCTDestroyCoordinateTransformation (transform);
  if (source_srs != NULL)
    OSRDestroySpatialReference (source_srs);
  if (wgs84 != NULL)
    OSRDestroySpatialReference (wgs84);
  return ok;
}

gboolean
wa_custom_area_import (const char *path, const char *name_field, GPtrArray **out_areas,
                       GError **error)
{
  g_autoptr(GPtrArray) areas = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *basename = g_path_get_basename (path);
  ImportState state = { path, NULL, 0, 0, 0, areas };
  GDALDatasetH dataset;
  gboolean ok = TRUE;
  char *dot;

  g_return_val_if_fail (path != NULL && out_areas != NULL, FALSE);
  *out_areas = NULL;
  if ((dot = strrchr (basename, '.')) != NULL && dot != basename)
    *dot = '\0';
  state.basename = g_steal_pointer (&basename);
  if ((dataset = wa_gdal_open_vector (path, error)) == NULL)
    {
      g_free (state.basename);
      return FALSE;
    }
  for (int l = 0; ok && l < GDALDatasetGetLayerCount (dataset); l++)
    ok = import_layer (&state, dataset, GDALDatasetGetLayer (dataset, l), name_field, error);
  GDALClose (dataset);
  g_free (state.basename);
  if (!ok)
    return FALSE;
  if (areas->len == 0 || state.n_outside == areas->len)
    {
      if (state.n_outside > 0)
        g_set_error (error, WA_ERROR, WA_ERROR_NOT_FOUND,
                     _("%s: the boundaries lie wholly outside England, where the atlas has "
                       "no figures"), path);
      else if (state.n_features == 0)
        g_set_error (error, WA_ERROR, WA_ERROR_MISSING, _("%s: the file is empty: it holds no "
                                                          "features"), path);
      else
        g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                     _("%s: none of its %u features is a polygon (points and lines cannot "
                       "make an area)"), path, state.n_features);
      return FALSE;
    }
  *out_areas = g_steal_pointer (&areas);
  return TRUE;
}

GStrv
wa_custom_area_dup_name_fields (const char *path, int *out_guess, GError **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *guess = NULL;
  GStrv fields;
  GDALDatasetH dataset;

  g_return_val_if_fail (path != NULL && out_guess != NULL, NULL);
  *out_guess = -1;
  if ((dataset = wa_gdal_open_vector (path, error)) == NULL)
    return NULL;
  for (int l = 0; l < GDALDatasetGetLayerCount (dataset); l++)
    {
      OGRFeatureDefnH defn = OGR_L_GetLayerDefn (GDALDatasetGetLayer (dataset, l));
      int guessed = guess_name_field (defn);

      if (guess == NULL && guessed >= 0)
        guess = g_intern_string (OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, guessed)));
      for (int i = 0; i < OGR_FD_GetFieldCount (defn); i++)
        {
          OGRFieldDefnH field = OGR_FD_GetFieldDefn (defn, i);

          if (OGR_Fld_GetType (field) == OFTString
              && g_hash_table_add (seen, g_strdup (OGR_Fld_GetNameRef (field))))
            g_strv_builder_add (builder, OGR_Fld_GetNameRef (field));
        }
    }
  GDALClose (dataset);
  fields = g_strv_builder_end (builder);
  for (int i = 0; guess != NULL && fields[i] != NULL; i++)
    if (g_str_equal (fields[i], guess))
      *out_guess = i;
  return fields;
}

/* ---- for the store of saved areas ------------------------------------- */

void
wa_custom_area_set_repaired_note (WaCustomArea *self, const char *note)
{
  g_return_if_fail (WA_IS_CUSTOM_AREA (self));
  self->repaired = note != NULL;
  g_free (self->note);
  self->note = g_strdup (note);
}

WaCustomArea *
wa_custom_area_new_set (const char *name, WaCustomAreaKind kind, const char *const *codes)
{
  g_return_val_if_fail (kind != WA_CUSTOM_AREA_POLYGON, NULL);
  return new_set (name, kind, codes);
}

/* ---- search ------------------------------------------------------------ */

static gboolean
name_matches (const char *name, const char *key)
{
  g_autofree char *folded = wa_search_fold (name);
  g_autofree char *spaced = g_strconcat (" ", folded, NULL);
  g_autofree char *needle = g_strconcat (" ", key, NULL);

  return strstr (spaced, needle) != NULL;
}

static WaSearchResult *
area_result (WaCustomArea *area)
{
  WaSearchResult *r = g_new0 (WaSearchResult, 1);
  WaGeometry *geometry = wa_custom_area_get_geometry (area);
  guint n = g_strv_length ((char **) wa_custom_area_get_codes (area));

  r->kind = WA_SEARCH_CUSTOM_AREA;
  r->title = g_strdup (wa_custom_area_get_name (area));
  r->code = g_strdup (wa_custom_area_get_id (area));
  r->ward_index = -1;
  r->area_index = -1;
  switch (wa_custom_area_get_kind (area))
    {
    case WA_CUSTOM_AREA_WARDS:
      r->context = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "your area of %u ward",
                                                 "your area of %u wards", n), n);
      break;
    case WA_CUSTOM_AREA_LSOAS:
      r->context = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "your area of %u neighbourhood",
                                                 "your area of %u neighbourhoods", n), n);
      break;
    case WA_CUSTOM_AREA_POLYGON:
    default:
      r->context = g_strdup (_("your area, a boundary"));
      break;
    }
  if (geometry != NULL)
    {
      r->has_bbox = TRUE;
      r->bbox = *wa_geometry_get_bbox (geometry);
    }
  return r;
}

GPtrArray *
wa_custom_areas_search (GPtrArray *areas, const char *text, guint limit)
{
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify) wa_search_result_free);
  g_autofree char *key = wa_search_fold (text != NULL ? text : "");

  if (*key == '\0')
    return results;
  for (guint i = 0; areas != NULL && i < areas->len && results->len < limit; i++)
    {
      WaCustomArea *area = g_ptr_array_index (areas, i);

      if (name_matches (wa_custom_area_get_name (area), key))
        g_ptr_array_add (results, area_result (area));
    }
  return results;
}
