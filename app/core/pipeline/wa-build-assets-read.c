/* wa-build-assets-read.c: the assets step's reading of one source: its
 * columns, status rules, category, position (coordinates, geometry or a
 * postcode to geocode later), name and address, one record per feature.
 * OpenStreetMap files are read across their layers, keeping only the
 * features that an option.osm_tags rule maps. */
#include <inttypes.h>
#include "wa-build-assets-private.h"
#include "wa-error.h"
#include "wa-postcode.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <glib/gi18n-lib.h>

/* ---- reading records -------------------------------------------------------- */

void
wa_assets_report_row (Import *import, Spec *spec, gint64 row, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (spec->problems++ >= MAX_REPORTED_ROWS)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  wa_build_report (import->ctx, _("%s: row %" PRId64 ": %s"), spec->path, row, message);
}

static gboolean
find_columns (Spec *spec, WaBuildSource *s, Columns *c, GError **error)
{
  OGRLayerH layer = s->layer;
  const WaManifestSource *source = spec->source;
  const struct { const char *name; int *index; } wanted[] = {
    { "name", &c->name }, { "postcode", &c->postcode }, { "lon", &c->lon }, { "lat", &c->lat },
    { "x", &c->x }, { "y", &c->y }, { "category", &c->category }, { "ref", &c->ref },
  };
  g_auto(GStrv) address = wa_assets_split_list (wa_manifest_source_optional_column (source, "address"));
  g_autoptr(GError) local_error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    {
      *wanted[i].index = wa_build_source_column (s, wanted[i].name, FALSE, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  c->n_address = 0;
  for (char **header = address; *header != NULL && c->n_address < G_N_ELEMENTS (c->address); header++)
    if ((c->address[c->n_address++] = wa_gdal_field_index (layer, spec->path, *header, error)) < 0)
      return FALSE;
  if ((c->lon >= 0) != (c->lat >= 0) || (c->x >= 0) != (c->y >= 0))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                   _("%s: section [source %s] (%s) gives only one of a pair of coordinate columns"),
                   source->manifest_path, source->id, spec->path);
      return FALSE;
    }
  /* Files whose features have geometry need no coordinate column. */
  if (c->lon < 0 && c->x < 0 && c->postcode < 0
      && OGR_L_GetGeomType (layer) == wkbNone)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                   _("%s: no position: section [source %s] of %s names neither coordinate "
                     "columns (column.lon/lat or column.x/y) nor a postcode column (column.postcode)"),
                   spec->path, source->id, source->manifest_path);
      return FALSE;
    }
  return TRUE;
}

/* OSM's other_tags hstore: "key"=>"value","k2"=>"v2". Returns a copy or NULL. */
static char *
hstore_get (const char *hstore, const char *key)
{
  g_autofree char *needle = g_strdup_printf ("\"%s\"=>\"", key);
  const char *start, *p;
  GString *value;

  if (hstore == NULL || (start = strstr (hstore, needle)) == NULL)
    return NULL;
  /* The match must start an entry, not end another entry's value. */
  if (start != hstore && start[-1] != ',')
    return NULL;
  value = g_string_new (NULL);
  for (p = start + strlen (needle); *p != '\0' && *p != '"'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        p++;
      g_string_append_c (value, *p);
    }
  return g_string_free (value, FALSE);
}

static char *
osm_tag (OGRFeatureH feature, const char *key)
{
  OGRFeatureDefnH defn = OGR_F_GetDefnRef (feature);
  int index = OGR_FD_GetFieldIndex (defn, key);

  if (index >= 0)
    return g_strdup (wa_gdal_field_string (feature, index));
  index = OGR_FD_GetFieldIndex (defn, "other_tags");
  return index >= 0 ? hstore_get (wa_gdal_field_string (feature, index), key) : NULL;
}

/* The category of an OSM feature, or -1 when no rule matches. */
static int
osm_category (Spec *spec, OGRFeatureH feature)
{
  for (guint i = 0; i < spec->osm_rules->len; i++)
    {
      OsmRule *rule = g_ptr_array_index (spec->osm_rules, i);
      g_autofree char *value = osm_tag (feature, rule->key);

      if (g_strcmp0 (value, rule->value) == 0)
        return rule->category;
    }
  return -1;
}

/* Category from option.category or the category map; -1 with error naming
 * file, row and value when the map lacks the value. */
static int
mapped_category (Spec *spec, OGRFeatureH feature, const Columns *c, gint64 row, GError **error)
{
  const char *value;
  g_autofree char *trimmed = NULL;
  g_autofree char *folded = NULL;
  gpointer found;

  if (spec->fixed_category >= 0)
    return spec->fixed_category;
  value = wa_gdal_field_string (feature, c->category);
  trimmed = g_strstrip (g_strdup (value != NULL ? value : ""));
  folded = g_utf8_casefold (trimmed, -1);
  if (g_hash_table_lookup_extended (spec->value_map, folded, NULL, &found))
    return GPOINTER_TO_INT (found) - 1;
  if (spec->default_category >= 0)
    return spec->default_category;
  g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
               _("%s: row %" PRId64 ": “%s” (column “%s”) has no category in "
                 "option.category_map of [source %s] in %s"),
               spec->path, row, value != NULL ? value : "",
               wa_manifest_source_optional_column (spec->source, "category"),
               spec->source->id, spec->source->manifest_path);
  return -1;
}

/* Whether the status rules keep the record. Missing rule columns are
 * caught when the columns are looked up. */
static gboolean
passes_status (Spec *spec, OGRFeatureH feature, const int *require_index, const int *exclude_index)
{
  for (guint i = 0; i < spec->requires->len; i++)
    {
      Require *require = g_ptr_array_index (spec->requires, i);
      const char *value = wa_gdal_field_string (feature, require_index[i]);
      g_autofree char *stripped = g_strstrip (g_strdup (value != NULL ? value : ""));

      if (!g_strv_contains ((const char *const *) require->values, stripped))
        return FALSE;
    }
  for (guint i = 0; spec->exclude_if_set[i] != NULL; i++)
    {
      const char *value = wa_gdal_field_string (feature, exclude_index[i]);

      g_autofree char *stripped = value != NULL ? g_strstrip (g_strdup (value)) : NULL;

      if (stripped != NULL && *stripped != '\0')
        return FALSE;
    }
  return TRUE;
}

static char *
join_address (OGRFeatureH feature, const Columns *c)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < c->n_address; i++)
    {
      const char *value = wa_gdal_field_string (feature, c->address[i]);
      char *part = value != NULL ? g_strstrip (g_strdup (value)) : NULL;

      if (part == NULL || *part == '\0' || g_strcmp0 (part, "NA") == 0)
        g_free (part);
      else
        g_ptr_array_add (parts, part);
    }
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

static char *
clean_text (const char *value, GStrv null_values)
{
  char *text;

  if (value == NULL)
    return NULL;
  text = g_strstrip (g_strdup (value));
  if (*text == '\0' || g_strcmp0 (text, "NA") == 0
      || (null_values != NULL && g_strv_contains ((const char *const *) null_values, text)))
    g_clear_pointer (&text, g_free);
  return text;
}

/* A transformation from srs to lon/lat; NULL for lon/lat input. */
static OGRCoordinateTransformationH
transform_from (OGRSpatialReferenceH srs, const char *path, GError **error)
{
  OGRSpatialReferenceH from, to;
  OGRCoordinateTransformationH transform;

  if (srs == NULL)
    return NULL;
  to = wa_gdal_srs_new (4326);
  from = OSRClone (srs);
  OSRSetAxisMappingStrategy (from, OAMS_TRADITIONAL_GIS_ORDER);
  if (OSRIsSame (from, to))
    {
      OSRDestroySpatialReference (from);
      OSRDestroySpatialReference (to);
      return NULL;
    }
  transform = OCTNewCoordinateTransformation (from, to);
  if (transform == NULL)
    g_set_error (error, WA_ERROR, WA_ERROR_FAILED, _("%s: cannot reproject to EPSG:4326: %s"),
                 path, wa_gdal_last_message ());
  OSRDestroySpatialReference (from);
  OSRDestroySpatialReference (to);
  return transform;
}

/* England lies well inside these; anything outside is a wrong column or
 * a wrong option.srs, reported per row. */
static gboolean
plausible_lonlat (double lon, double lat)
{
  return isfinite (lon) && isfinite (lat) && lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
}

typedef struct {
  Import *import;
  Spec *spec;
  guint spec_index;
  Columns columns;
  OGRCoordinateTransformationH table_transform;   /* for column.x/y */
  gboolean table_projected;
  int *require_index;
  int *exclude_index;
  gint64 row;
} Reader;

/* Position from columns or geometry. Returns FALSE (after reporting) for a
 * present but unusable position; *out_found says whether there was one. */
static gboolean
read_position (Reader *r, OGRFeatureH feature, OGRCoordinateTransformationH geometry_transform,
               double *lon, double *lat, gboolean *out_found)
{
  const Columns *c = &r->columns;
  OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
  int ix = c->lon >= 0 ? c->lon : c->x, iy = c->lon >= 0 ? c->lat : c->y;
  OGRCoordinateTransformationH transform = NULL;
  double x, y;

  *out_found = FALSE;
  if (ix >= 0 && wa_gdal_field_string (feature, ix) != NULL && wa_gdal_field_string (feature, iy) != NULL)
    {
      if (!wa_gdal_field_double (feature, ix, &x) || !wa_gdal_field_double (feature, iy, &y))
        {
          wa_assets_report_row (r->import, r->spec, r->row, _("the coordinates are not numbers"));
          return FALSE;
        }
      if (c->lon >= 0 && !r->table_projected && !plausible_lonlat (x, y))
        {
          wa_assets_report_row (r->import, r->spec, r->row,
                                _("longitude %g, latitude %g is out of range"), x, y);
          return FALSE;
        }
      transform = r->table_transform;
    }
  else if (geometry != NULL && !OGR_G_IsEmpty (geometry))
    {
      OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (geometry));
      OGRGeometryH point = NULL;

      if (type == wkbPoint)
        x = OGR_G_GetX (geometry, 0), y = OGR_G_GetY (geometry, 0);
      else
        {
          /* A point on the surface stays inside a concave building or park. */
          point = type == wkbPolygon || type == wkbMultiPolygon
                  ? OGR_G_PointOnSurface (geometry) : NULL;
          if (point == NULL || OGR_G_IsEmpty (point))
            {
              if (point != NULL)
                OGR_G_DestroyGeometry (point);
              point = OGR_G_CreateGeometry (wkbPoint);
              OGR_G_Centroid (geometry, point);
            }
          x = OGR_G_GetX (point, 0), y = OGR_G_GetY (point, 0);
          OGR_G_DestroyGeometry (point);
        }
      transform = geometry_transform;
    }
  else
    return TRUE;

  if (transform != NULL && !OCTTransform (transform, 1, &x, &y, NULL))
    {
      wa_assets_report_row (r->import, r->spec, r->row,
                            _("position (%g, %g) cannot be reprojected: out of range"), x, y);
      return FALSE;
    }
  if (!plausible_lonlat (x, y) || (transform != NULL && (x < -10 || x > 3 || y < 49 || y > 62)))
    {
      wa_assets_report_row (r->import, r->spec, r->row,
                            _("position %g, %g is out of range"), x, y);
      return FALSE;
    }
  *lon = x, *lat = y;
  *out_found = TRUE;
  return TRUE;
}

static char *
osm_ref (OGRFeatureH feature)
{
  g_autofree char *node = osm_tag (feature, "osm_id");
  g_autofree char *way = osm_tag (feature, "osm_way_id");

  if (way != NULL)
    return g_strdup_printf ("osm:way/%s", way);
  if (node != NULL)
    return g_strdup_printf (OGR_FD_GetFieldIndex (OGR_F_GetDefnRef (feature), "osm_way_id") >= 0
                            ? "osm:relation/%s" : "osm:node/%s", node);
  return NULL;
}

static char *
osm_address (OGRFeatureH feature)
{
  g_autofree char *number = osm_tag (feature, "addr:housenumber");
  g_autofree char *street = osm_tag (feature, "addr:street");
  g_autofree char *place = osm_tag (feature, "addr:city");

  if (street == NULL)
    return NULL;
  return g_strdup_printf ("%s%s%s%s%s", number != NULL ? number : "", number != NULL ? " " : "",
                          street, place != NULL ? ", " : "", place != NULL ? place : "");
}

/* Title case for text the source writes all in capitals; text with any
 * lower-case letter is left as it is. */
static char *
title_case (char *text)
{
  GString *out;
  gboolean start = TRUE;

  if (text == NULL)
    return NULL;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_islower (g_utf8_get_char (p)))
      return text;
  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, start ? c : g_unichar_tolower (c));
      /* "ST. MARY'S" -> "St. Mary's": no capital after an apostrophe. */
      start = !g_unichar_isalnum (c) && c != '\'';
    }
  g_free (text);
  return g_string_free (out, FALSE);
}

/* Name, address and reference of a record. */
static void
describe (Reader *r, OGRFeatureH feature, Record *record)
{
  const Columns *c = &r->columns;

  if (r->spec->osm)
    {
      g_autofree char *name = osm_tag (feature, "name");

      record->name = clean_text (name, r->spec->null_names);
      record->address = osm_address (feature);
      record->ref = osm_ref (feature);
      return;
    }
  if (c->name >= 0)
    record->name = clean_text (wa_gdal_field_string (feature, c->name), r->spec->null_names);
  record->address = join_address (feature, c);
  if (c->ref >= 0)
    record->ref = clean_text (wa_gdal_field_string (feature, c->ref), NULL);
  if (r->spec->title_case)
    {
      record->name = title_case (record->name);
      record->address = title_case (record->address);
    }
}

/* One feature -> at most one record. FALSE only for a fatal error. */
static gboolean
read_feature (Reader *r, OGRFeatureH feature, OGRCoordinateTransformationH geometry_transform,
              GError **error)
{
  Spec *spec = r->spec;
  const Columns *c = &r->columns;
  Record record = { 0 };
  gboolean found;
  g_autofree char *osm_postcode = NULL;
  const char *postcode_text = NULL;
  int category = -1;

  /* Only OSM features that some rule maps are candidate assets. */
  if (spec->osm && (category = osm_category (spec, feature)) < 0)
    return TRUE;
  r->row++;
  spec->stats.read++;
  if (!spec->osm && !passes_status (spec, feature, r->require_index, r->exclude_index))
    {
      spec->stats.excluded++;
      return TRUE;
    }
  if (!spec->osm && (category = mapped_category (spec, feature, c, r->row, error)) < 0)
    return FALSE;

  if (!read_position (r, feature, geometry_transform, &record.lon, &record.lat, &found))
    {
      spec->stats.no_location++;
      return TRUE;
    }
  if (spec->osm)
    postcode_text = osm_postcode = osm_tag (feature, "addr:postcode");
  else if (c->postcode >= 0)
    postcode_text = wa_gdal_field_string (feature, c->postcode);
  if (postcode_text != NULL)
    record.postcode = wa_postcode_normalise (postcode_text);
  if (!found && record.postcode == NULL)
    {
      if (postcode_text != NULL && *postcode_text != '\0')
        {
          spec->stats.unmatched++;
          wa_assets_report_row (r->import, spec, r->row, _("“%s” is not a postcode"), postcode_text);
        }
      else
        spec->stats.no_location++;
      return TRUE;
    }
  record.spec = r->spec_index;
  record.row = r->row;
  record.category = category;
  record.ward = -1;
  record.located = found;
  record.from_postcode = !found;
  describe (r, feature, &record);
  g_array_append_val (r->import->records, record);
  return TRUE;
}

static gboolean
status_indices (Reader *r, OGRLayerH layer, GError **error)
{
  Spec *spec = r->spec;

  r->require_index = g_new0 (int, spec->requires->len + 1);
  r->exclude_index = g_new0 (int, g_strv_length (spec->exclude_if_set) + 1);
  for (guint i = 0; i < spec->requires->len; i++)
    {
      Require *require = g_ptr_array_index (spec->requires, i);
      const char *header = wa_manifest_source_column (spec->source, require->column, error);

      if (header == NULL
          || (r->require_index[i] = wa_gdal_field_index (layer, spec->path, header, error)) < 0)
        return FALSE;
    }
  for (guint i = 0; spec->exclude_if_set[i] != NULL; i++)
    {
      const char *header = wa_manifest_source_column (spec->source, spec->exclude_if_set[i], error);

      if (header == NULL
          || (r->exclude_index[i] = wa_gdal_field_index (layer, spec->path, header, error)) < 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_table (const WaManifestSource *source)
{
  static const char *const table_formats[] = { "csv", "tsv", "csv-noheader", NULL };

  if (source->format != NULL)
    return g_strv_contains (table_formats, source->format);
  return g_str_has_suffix (source->file, ".csv") || g_str_has_suffix (source->file, ".tsv")
         || g_str_has_suffix (source->file, ".csv.gz") || g_str_has_suffix (source->file, ".tsv.gz");
}

/* Coordinate columns: lon/lat in option.srs (default 4326); x/y in option.srs. */
static gboolean
table_transform (Reader *r, GError **error)
{
  const char *srs = wa_manifest_source_option (r->spec->source, "srs");

  if (r->columns.x < 0 && r->columns.lon < 0)
    return TRUE;
  if (r->columns.x >= 0 && srs == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                   _("%s: section [source %s] has column.x/y but no option.srs (e.g. 27700)"),
                   r->spec->source->manifest_path, r->spec->source->id);
      return FALSE;
    }
  if (srs == NULL || g_strcmp0 (srs, "4326") == 0)
    return TRUE;
  r->table_projected = TRUE;
  r->table_transform = wa_build_source_transform (r->spec->source, r->spec->path, error);
  return r->table_transform != NULL;
}

static OGRCoordinateTransformationH
layer_transform (Spec *spec, OGRLayerH layer, GError **error)
{
  OGRSpatialReferenceH srs = OGR_L_GetSpatialRef (layer);

  return transform_from (srs, spec->path, error);
}

/* Reads every feature of a plain (non-OSM) source. */
static gboolean
read_layer (Reader *r, WaBuildSource *s, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  OGRCoordinateTransformationH transform = NULL;
  OGRFeatureH feature;
  gboolean ok = TRUE;

  if (!find_columns (r->spec, s, &r->columns, error) || !status_indices (r, s->layer, error)
      || !table_transform (r, error))
    return FALSE;
  if (OGR_L_GetGeomType (s->layer) != wkbNone)
    {
      transform = layer_transform (r->spec, s->layer, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  while (ok && (feature = wa_build_source_next (s)) != NULL)
    {
      ok = read_feature (r, feature, transform, error);
      OGR_F_Destroy (feature);
    }
  if (transform != NULL)
    OCTDestroyCoordinateTransformation (transform);
  return ok && wa_build_source_check_end (s, error);
}

/* OSM files: the driver wants its layers read interleaved. Points and
 * multipolygons (closed ways and relations) hold the tagged places. */
static gboolean
read_osm (Reader *r, GDALDatasetH dataset, GError **error)
{
  OGRFeatureH feature;
  OGRLayerH layer = NULL;
  gboolean ok = TRUE;

  /* OSM features carry their tags, not columns. */
  r->columns = (Columns) { .name = -1, .postcode = -1, .lon = -1, .lat = -1, .x = -1, .y = -1,
                           .category = -1, .ref = -1, .n_address = 0 };
  r->require_index = g_new0 (int, 1);
  r->exclude_index = g_new0 (int, 1);
  while (ok && (feature = GDALDatasetGetNextFeature (dataset, &layer, NULL, NULL, NULL)) != NULL)
    {
      const char *name = OGR_L_GetName (layer);

      /* OSM data is WGS 84 lon/lat: no transformation. */
      if (g_strcmp0 (name, "points") == 0 || g_strcmp0 (name, "multipolygons") == 0)
        ok = read_feature (r, feature, NULL, error);
      OGR_F_Destroy (feature);
    }
  return ok;
}

static WaBuildSourceKind
source_kind (const Spec *spec)
{
  if (spec->osm)
    return WA_BUILD_SOURCE_VECTOR_LAYERS;
  return is_table (spec->source) ? WA_BUILD_SOURCE_TABLE : WA_BUILD_SOURCE_VECTOR;
}

gboolean
wa_assets_read_source (Import *import, guint spec_index, GError **error)
{
  Spec *spec = g_ptr_array_index (import->specs, spec_index);
  Reader reader = { .import = import, .spec = spec, .spec_index = spec_index };
  WaBuildSource s;
  gboolean ok;

  ok = wa_build_source_open (&s, import->ctx, spec->source, source_kind (spec), error);
  /* Only the features that are candidate assets count as read (OSM). */
  s.uncounted = TRUE;
  if (ok)
    ok = spec->osm ? read_osm (&reader, s.dataset, error) : read_layer (&reader, &s, error);
  if (reader.table_transform != NULL)
    OCTDestroyCoordinateTransformation (reader.table_transform);
  g_free (reader.require_index);
  g_free (reader.exclude_index);
  wa_build_source_close (&s);
  return ok;
}

