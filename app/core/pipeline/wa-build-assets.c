/* wa-build-assets.c: the "assets", "asset_counts" and "asset_datasets"
 * layers from every manifest source with role "assets".
 *
 * A source is any table or vector file GDAL reads. Per record, in order:
 *  1. status rules (option.require.<column>, option.exclude_if_set) drop
 *     closed or inactive records, counted as excluded;
 *  2. the position comes from coordinate columns (column.lon/lat, or
 *     column.x/y in option.srs), the feature's geometry (a point on the
 *     surface of a polygon), or the postcode (column.postcode) through the
 *     pack's postcodes table; records with none are counted, never dropped
 *     silently;
 *  3. the category comes from option.category (one for the whole file),
 *     column.category with option.category_map ("value:category;...", "*"
 *     for any other value, category "-" for records that are not assets),
 *     or for OpenStreetMap files option.osm_tags ("key=value:category;...");
 *  4. the record must fall in a ward inside the dataset's coverage
 *     (option.coverage: "england" or LAD codes);
 *  5. duplicates merge: same category, same name (wa_asset_name_key) and
 *     within MERGE_METRES, or MERGE_POSTCODE_METRES when either position is
 *     a postcode centroid. The record with the more exact position is kept. */
#include <inttypes.h>
#include "ward-atlas-core.h"
#include "wa-build-private.h"
#include "wa-asset.h"
#include "wa-pack.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#define ASSET_ROLE "assets"
#define MAX_REPORTED_ROWS 5
#define MERGE_METRES 50.0
#define MERGE_POSTCODE_METRES 150.0
/* Duplicate search cell: wider than MERGE_POSTCODE_METRES in both axes. */
#define MERGE_CELL_DEGREES 0.003
#define CATEGORY_SKIP WA_N_ASSET_CATEGORIES   /* "-": not an asset */
#define GEOCODE_CHUNK 500

typedef struct {
  char *key;
  char *value;
  int category;
} OsmRule;

typedef struct {
  char *column;                /* header */
  GStrv values;
} Require;

/* One asset source and what the import did with it. */
typedef struct {
  const WaManifestSource *source;
  char *path;
  gboolean osm;

  int fixed_category;          /* -1 when not fixed */
  GHashTable *value_map;       /* casefolded value -> GINT_TO_POINTER (category + 1) */
  int default_category;        /* "*": -1 when absent */
  GPtrArray *osm_rules;        /* OsmRule* */
  guint32 categories;          /* bits of categories the source supplies */

  gboolean england;
  GHashTable *lads;            /* LAD code set, NULL for England */
  char *coverage_text;         /* "england" or "E08000001;..." */
  const char *coverage_name;

  GPtrArray *requires;         /* Require* */
  GStrv exclude_if_set;        /* headers */
  GStrv null_names;            /* names meaning "no name" ("Unknown") */
  gboolean title_case;         /* option.title_case: "THE SURGERY" -> "The Surgery" */

  WaAssetDataset stats;        /* counts only */
  gint64 problems;             /* rows reported */
} Spec;

typedef struct {
  char *name, *key, *address, *postcode, *ref;   /* postcode normalised */
  GString *merged_from;
  int category;
  double lon, lat;
  gboolean from_postcode;
  gboolean located;
  gboolean dropped;
  guint spec;
  int ward;
  gint64 row;
} Record;

/* Column indices of one opened source layer; -1 when absent. */
typedef struct {
  int name, postcode, lon, lat, x, y, category, ref;
  int address[8];
  guint n_address;
} Columns;

typedef struct {
  WaBuildContext *ctx;
  GPtrArray *specs;            /* Spec* */
  GArray *records;             /* Record */
  GPtrArray *ward_lads;        /* char* LAD code per ward index (borrowed strings) */
  GHashTable *lad_strings;     /* owns the LAD codes */
} Import;

static void
osm_rule_free (gpointer data)
{
  OsmRule *rule = data;

  g_free (rule->key);
  g_free (rule->value);
  g_free (rule);
}

static void
require_free (gpointer data)
{
  Require *require = data;

  g_free (require->column);
  g_strfreev (require->values);
  g_free (require);
}

static void
spec_free (gpointer data)
{
  Spec *spec = data;

  g_free (spec->path);
  g_clear_pointer (&spec->value_map, g_hash_table_unref);
  g_clear_pointer (&spec->osm_rules, g_ptr_array_unref);
  g_clear_pointer (&spec->lads, g_hash_table_unref);
  g_clear_pointer (&spec->requires, g_ptr_array_unref);
  g_free (spec->coverage_text);
  g_strfreev (spec->exclude_if_set);
  g_strfreev (spec->null_names);
  g_free (spec);
}

static void
record_clear (gpointer data)
{
  Record *record = data;

  g_free (record->name);
  g_free (record->key);
  g_free (record->address);
  g_free (record->postcode);
  g_free (record->ref);
  if (record->merged_from != NULL)
    g_string_free (record->merged_from, TRUE);
}

/* ---- the manifest's rules ---------------------------------------------------- */

/* "a; b;;c" -> {"a", "b", "c"} */
static GStrv
split_list (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ";", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (char **part = parts; *part != NULL; part++)
    {
      g_strstrip (*part);
      if (**part != '\0')
        g_strv_builder_add (builder, *part);
    }
  return g_strv_builder_end (builder);
}

static gboolean
parse_category (Spec *spec, const char *option, const char *id, int *out, GError **error)
{
  WaAssetCategory category;

  if (g_strcmp0 (id, "-") == 0)
    {
      *out = CATEGORY_SKIP;
      return TRUE;
    }
  if (wa_asset_category_from_id (id, &category))
    {
      *out = category;
      spec->categories |= 1u << category;
      return TRUE;
    }
  g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
               _("%s: section [source %s]: %s names the unknown asset category “%s” "
                 "(see wa-asset.h for the categories)"),
               spec->source->manifest_path, spec->source->id, option, id);
  return FALSE;
}

/* "entry:category" split at the last colon (OSM keys may contain colons). */
static gboolean
split_entry (Spec *spec, const char *option, const char *entry, char **out_key,
             char **out_category, GError **error)
{
  const char *colon = strrchr (entry, ':');

  if (colon == NULL || colon == entry || colon[1] == '\0')
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                   _("%s: section [source %s]: %s entry “%s” is not “value:category”"),
                   spec->source->manifest_path, spec->source->id, option, entry);
      return FALSE;
    }
  *out_key = g_strstrip (g_strndup (entry, colon - entry));
  *out_category = g_strstrip (g_strdup (colon + 1));
  return TRUE;
}

static gboolean
parse_category_map (Spec *spec, const char *text, GError **error)
{
  g_auto(GStrv) entries = split_list (text);

  spec->value_map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (char **entry = entries; *entry != NULL; entry++)
    {
      g_autofree char *value = NULL, *id = NULL;
      int category;

      if (!split_entry (spec, "option.category_map", *entry, &value, &id, error)
          || !parse_category (spec, "option.category_map", id, &category, error))
        return FALSE;
      if (g_strcmp0 (value, "*") == 0)
        spec->default_category = category;
      else
        g_hash_table_replace (spec->value_map, g_utf8_casefold (value, -1),
                              GINT_TO_POINTER (category + 1));
    }
  return TRUE;
}

static gboolean
parse_osm_tags (Spec *spec, const char *text, GError **error)
{
  g_auto(GStrv) entries = split_list (text);

  spec->osm_rules = g_ptr_array_new_with_free_func (osm_rule_free);
  for (char **entry = entries; *entry != NULL; entry++)
    {
      g_autofree char *tag = NULL, *id = NULL;
      OsmRule *rule;
      const char *equals;

      if (!split_entry (spec, "option.osm_tags", *entry, &tag, &id, error))
        return FALSE;
      equals = strchr (tag, '=');
      if (equals == NULL || equals == tag || equals[1] == '\0')
        {
          g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                       _("%s: section [source %s]: option.osm_tags entry “%s” is not “key=value:category”"),
                       spec->source->manifest_path, spec->source->id, *entry);
          return FALSE;
        }
      rule = g_new0 (OsmRule, 1);
      rule->key = g_strndup (tag, equals - tag);
      rule->value = g_strdup (equals + 1);
      g_ptr_array_add (spec->osm_rules, rule);
      if (!parse_category (spec, "option.osm_tags", id, &rule->category, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_coverage (Spec *spec, GError **error)
{
  const char *text = wa_manifest_source_option (spec->source, "coverage");
  g_auto(GStrv) codes = NULL;

  if (text == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                   _("%s: section [source %s] has no option.coverage (“england” or LAD codes)"),
                   spec->source->manifest_path, spec->source->id);
      return FALSE;
    }
  spec->coverage_name = wa_manifest_source_option (spec->source, "coverage_name");
  if (g_ascii_strcasecmp (text, "england") == 0)
    {
      spec->england = TRUE;
      spec->coverage_text = g_strdup ("england");
      if (spec->coverage_name == NULL)
        spec->coverage_name = "England";
      return TRUE;
    }
  codes = split_list (text);
  spec->lads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (char **code = codes; *code != NULL; code++)
    {
      if (!g_str_has_prefix (*code, "E0"))
        {
          g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                       _("%s: section [source %s]: option.coverage entry “%s” is not an English LAD code"),
                       spec->source->manifest_path, spec->source->id, *code);
          return FALSE;
        }
      g_hash_table_add (spec->lads, g_strdup (*code));
    }
  spec->coverage_text = g_strjoinv (";", codes);
  if (spec->coverage_name == NULL)
    spec->coverage_name = spec->coverage_text;
  return TRUE;
}

/* option.require.<logical column>=v1;v2 */
static void
parse_requires (Spec *spec)
{
  GHashTableIter iter;
  gpointer key, value;

  spec->requires = g_ptr_array_new_with_free_func (require_free);
  g_hash_table_iter_init (&iter, spec->source->options);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_has_prefix (key, "require."))
      {
        Require *require = g_new0 (Require, 1);

        require->column = g_strdup ((const char *) key + strlen ("require."));
        require->values = split_list (value);
        g_ptr_array_add (spec->requires, require);
      }
}

static Spec *
parse_spec (WaBuildContext *ctx, const WaManifestSource *source, GError **error)
{
  Spec *spec = g_new0 (Spec, 1);
  const char *category = wa_manifest_source_option (source, "category");
  const char *map = wa_manifest_source_option (source, "category_map");
  const char *tags = wa_manifest_source_option (source, "osm_tags");

  spec->source = source;
  spec->path = wa_build_source_path (ctx, source);
  spec->fixed_category = -1;
  spec->default_category = -1;
  spec->osm = g_strcmp0 (source->format, "osm") == 0
              || g_str_has_suffix (source->file, ".osm.pbf") || g_str_has_suffix (source->file, ".osm");
  spec->stats.id = source->id;
  spec->stats.title = source->title;
  if ((category != NULL) + (map != NULL) + (tags != NULL) != 1)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                   _("%s: section [source %s] needs exactly one of option.category, "
                     "option.category_map (with column.category) or option.osm_tags"),
                   source->manifest_path, source->id);
      goto fail;
    }
  if (category != NULL && !parse_category (spec, "option.category", category, &spec->fixed_category, error))
    goto fail;
  if (map != NULL
      && (wa_manifest_source_column (source, "category", error) == NULL
          || !parse_category_map (spec, map, error)))
    goto fail;
  if (tags != NULL && (!spec->osm || !parse_osm_tags (spec, tags, error)))
    {
      if (!spec->osm)
        g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                     _("%s: section [source %s]: option.osm_tags needs an OpenStreetMap file (.osm.pbf, .osm)"),
                     source->manifest_path, source->id);
      goto fail;
    }
  if (!parse_coverage (spec, error))
    goto fail;
  parse_requires (spec);
  spec->exclude_if_set = split_list (wa_manifest_source_option (source, "exclude_if_set"));
  spec->null_names = split_list (wa_manifest_source_option (source, "null_names"));
  spec->title_case = g_strcmp0 (wa_manifest_source_option (source, "title_case"), "yes") == 0;
  return spec;

fail:
  spec_free (spec);
  return NULL;
}

/* ---- reading records -------------------------------------------------------- */

static void
report_row (Import *import, Spec *spec, gint64 row, const char *format, ...) G_GNUC_PRINTF (4, 5);

static void
report_row (Import *import, Spec *spec, gint64 row, const char *format, ...)
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

static int
optional_index (OGRLayerH layer, const WaManifestSource *source, const char *name,
                const char *path, GError **error)
{
  const char *header = wa_manifest_source_optional_column (source, name);

  if (header == NULL)
    return -1;
  return wa_gdal_field_index (layer, path, header, error);
}

static gboolean
find_columns (Spec *spec, OGRLayerH layer, Columns *c, GError **error)
{
  const WaManifestSource *source = spec->source;
  const struct { const char *name; int *index; } wanted[] = {
    { "name", &c->name }, { "postcode", &c->postcode }, { "lon", &c->lon }, { "lat", &c->lat },
    { "x", &c->x }, { "y", &c->y }, { "category", &c->category }, { "ref", &c->ref },
  };
  g_auto(GStrv) address = split_list (wa_manifest_source_optional_column (source, "address"));
  g_autoptr(GError) local_error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    {
      *wanted[i].index = optional_index (layer, source, wanted[i].name, spec->path, &local_error);
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
          report_row (r->import, r->spec, r->row, _("the coordinates are not numbers"));
          return FALSE;
        }
      if (c->lon >= 0 && !r->table_projected && !plausible_lonlat (x, y))
        {
          report_row (r->import, r->spec, r->row,
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
      report_row (r->import, r->spec, r->row,
                  _("position (%g, %g) cannot be reprojected: out of range"), x, y);
      return FALSE;
    }
  if (!plausible_lonlat (x, y) || (transform != NULL && (x < -10 || x > 3 || y < 49 || y > 62)))
    {
      report_row (r->import, r->spec, r->row,
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
          report_row (r->import, spec, r->row, _("“%s” is not a postcode"), postcode_text);
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
read_layer (Reader *r, OGRLayerH layer, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  OGRCoordinateTransformationH transform = NULL;
  OGRFeatureH feature;
  gboolean ok = TRUE;

  if (!find_columns (r->spec, layer, &r->columns, error) || !status_indices (r, layer, error)
      || !table_transform (r, error))
    return FALSE;
  if (OGR_L_GetGeomType (layer) != wkbNone)
    {
      transform = layer_transform (r->spec, layer, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  OGR_L_ResetReading (layer);
  while (ok && (feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      ok = read_feature (r, feature, transform, error);
      OGR_F_Destroy (feature);
    }
  if (transform != NULL)
    OCTDestroyCoordinateTransformation (transform);
  return ok;
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

static gboolean
read_source (Import *import, guint spec_index, GError **error)
{
  Spec *spec = g_ptr_array_index (import->specs, spec_index);
  Reader reader = { .import = import, .spec = spec, .spec_index = spec_index };
  GDALDatasetH dataset;
  gboolean ok;

  dataset = is_table (spec->source)
            ? wa_gdal_open_table (spec->path, spec->source->format, error)
            : wa_gdal_open_vector (spec->path, error);
  if (dataset == NULL)
    return FALSE;
  if (spec->osm)
    ok = read_osm (&reader, dataset, error);
  else
    {
      OGRLayerH layer = wa_gdal_get_layer (dataset, spec->path, spec->source->layer, error);

      ok = layer != NULL && read_layer (&reader, layer, error);
    }
  if (reader.table_transform != NULL)
    OCTDestroyCoordinateTransformation (reader.table_transform);
  g_free (reader.require_index);
  g_free (reader.exclude_index);
  GDALClose (dataset);
  return ok;
}

/* ---- geocoding, wards, coverage -------------------------------------------- */

typedef struct {
  double lon, lat;
} LonLat;

/* Looks up one chunk of normalised postcodes (letters and digits only, so
 * safe to quote) in the pack's indexed postcodes table. */
static gboolean
geocode_chunk (Import *import, GPtrArray *postcodes, guint from, guint to, GHashTable *found,
               GError **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT \"" WA_PACK_PC_POSTCODE "\", \"" WA_PACK_PC_LON
                                         "\", \"" WA_PACK_PC_LAT "\" FROM \""
                                         WA_PACK_LAYER_POSTCODES "\" WHERE \"" WA_PACK_PC_POSTCODE "\" IN (");
  OGRLayerH result;
  OGRFeatureH feature;

  for (guint i = from; i < to; i++)
    g_string_append_printf (sql, "%s'%s'", i > from ? "," : "", (char *) g_ptr_array_index (postcodes, i));
  g_string_append_c (sql, ')');
  wa_gdal_clear_message ();
  result = GDALDatasetExecuteSQL (import->ctx->out, sql->str, NULL, "SQLITE");
  if (result == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot read table “%s”: %s"),
                   wa_build_pack_path (import->ctx), WA_PACK_LAYER_POSTCODES, wa_gdal_last_message ());
      return FALSE;
    }
  while ((feature = OGR_L_GetNextFeature (result)) != NULL)
    {
      LonLat *position = g_new (LonLat, 1);

      position->lon = OGR_F_GetFieldAsDouble (feature, 1);
      position->lat = OGR_F_GetFieldAsDouble (feature, 2);
      g_hash_table_replace (found, g_strdup (OGR_F_GetFieldAsString (feature, 0)), position);
      OGR_F_Destroy (feature);
    }
  GDALDatasetReleaseResultSet (import->ctx->out, result);
  return TRUE;
}

/* Postcodes of other countries kept by the postcodes step, reprojected. */
static void
geocode_foreign (Import *import, GPtrArray *list, GHashTable *found)
{
  GArray *foreign = import->ctx->foreign_postcodes;
  const WaManifestSource *source;
  g_autofree char *path = NULL;
  OGRCoordinateTransformationH transform;

  if (foreign == NULL || foreign->len == 0
      || (source = wa_manifest_find_optional_role (import->ctx->manifest, import->ctx->edition,
                                                   "postcodes")) == NULL)
    return;
  path = wa_build_source_path (import->ctx, source);
  if ((transform = wa_build_source_transform (source, path, NULL)) == NULL)
    return;
  for (guint i = 0; i < list->len; i++)
    {
      const char *postcode = g_ptr_array_index (list, i);
      const WaForeignPostcode *hit;
      LonLat *position;

      if (g_hash_table_contains (found, postcode))
        continue;
      hit = bsearch (postcode, foreign->data, foreign->len, sizeof (WaForeignPostcode),
                     (int (*) (const void *, const void *)) strcmp);
      if (hit == NULL)
        continue;
      position = g_new (LonLat, 1);
      position->lon = hit->x, position->lat = hit->y;
      if (OCTTransform (transform, 1, &position->lon, &position->lat, NULL))
        g_hash_table_replace (found, g_strdup (postcode), position);
      else
        g_free (position);
    }
  OCTDestroyCoordinateTransformation (transform);
}

static gboolean
geocode (Import *import, GError **error)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  for (guint i = 0; i < import->records->len; i++)
    {
      Record *record = &g_array_index (import->records, Record, i);

      if (record->from_postcode && g_hash_table_add (wanted, record->postcode))
        g_ptr_array_add (list, record->postcode);
    }
  for (guint from = 0; from < list->len; from += GEOCODE_CHUNK)
    if (!geocode_chunk (import, list, from, MIN (from + GEOCODE_CHUNK, list->len), found, error))
      return FALSE;
  geocode_foreign (import, list, found);

  for (guint i = 0; i < import->records->len; i++)
    {
      Record *record = &g_array_index (import->records, Record, i);
      Spec *spec = g_ptr_array_index (import->specs, record->spec);
      LonLat *position;

      if (!record->from_postcode)
        continue;
      position = g_hash_table_lookup (found, record->postcode);
      if (position == NULL)
        {
          g_autofree char *display = wa_postcode_format (record->postcode);

          spec->stats.unmatched++;
          record->dropped = TRUE;
          report_row (import, spec, record->row, _("postcode %s is not in the postcode table"), display);
          continue;
        }
      spec->stats.geocoded++;
      record->lon = position->lon;
      record->lat = position->lat;
      record->located = TRUE;
    }
  return TRUE;
}

/* Ward LAD codes, read back from the pack's "wards" layer. */
static gboolean
read_ward_lads (Import *import, GError **error)
{
  OGRLayerH layer = GDALDatasetGetLayerByName (import->ctx->out, WA_PACK_LAYER_WARDS);
  OGRFeatureDefnH defn;
  OGRFeatureH feature;
  int code, lad;

  import->ward_lads = g_ptr_array_new ();
  g_ptr_array_set_size (import->ward_lads, import->ctx->ward_codes->len);
  import->lad_strings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (layer == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING, _("%s: the pack has no “%s” layer yet"),
                   wa_build_pack_path (import->ctx), WA_PACK_LAYER_WARDS);
      return FALSE;
    }
  defn = OGR_L_GetLayerDefn (layer);
  code = OGR_FD_GetFieldIndex (defn, WA_PACK_WARD_CODE);
  lad = OGR_FD_GetFieldIndex (defn, WA_PACK_WARD_LAD_CODE);
  if (code < 0 || lad < 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING, _("%s: layer “%s” lacks its code columns"),
                   wa_build_pack_path (import->ctx), WA_PACK_LAYER_WARDS);
      return FALSE;
    }
  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      gpointer index = g_hash_table_lookup (import->ctx->ward_by_code, wa_gdal_field_string (feature, code));
      const char *lad_code = wa_gdal_field_string (feature, lad);

      if (index != NULL && lad_code != NULL)
        {
          char *interned = g_hash_table_lookup (import->lad_strings, lad_code);

          if (interned == NULL)
            {
              interned = g_strdup (lad_code);
              g_hash_table_add (import->lad_strings, interned);
            }
          g_ptr_array_index (import->ward_lads, GPOINTER_TO_UINT (index) - 1) = interned;
        }
      OGR_F_Destroy (feature);
    }
  return TRUE;
}

static gboolean
ward_covered (Import *import, const Spec *spec, int ward)
{
  const char *lad;

  if (ward < 0 || g_ptr_array_index (import->ctx->ward_geometries, ward) == NULL)
    return FALSE;
  if (spec->england)
    return TRUE;
  lad = g_ptr_array_index (import->ward_lads, ward);
  return lad != NULL && g_hash_table_contains (spec->lads, lad);
}

/* Skips non-assets, assigns wards and drops records outside coverage. */
static void
place_records (Import *import)
{
  for (guint i = 0; i < import->records->len; i++)
    {
      Record *record = &g_array_index (import->records, Record, i);
      Spec *spec = g_ptr_array_index (import->specs, record->spec);

      if (record->dropped)
        continue;
      if (record->category == CATEGORY_SKIP)
        {
          spec->stats.skipped++;
          record->dropped = TRUE;
          continue;
        }
      record->ward = wa_build_locate_ward (import->ctx, record->lon, record->lat);
      if (!ward_covered (import, spec, record->ward))
        {
          spec->stats.outside++;
          record->dropped = TRUE;
        }
    }
}

/* ---- duplicates ---------------------------------------------------------------- */

static double
metres_between (const Record *a, const Record *b)
{
  double dx = (a->lon - b->lon) * 111320.0 * cos ((a->lat + b->lat) / 2 * G_PI / 180);
  double dy = (a->lat - b->lat) * 110540.0;

  return hypot (dx, dy);
}

static gint64
merge_cell_key (int category, gint64 cx, gint64 cy)
{
  return ((gint64) category << 56) | ((cx & 0xfffffff) << 28) | (cy & 0xfffffff);
}

/* Exact positions first, so a postcode centroid never displaces one. */
static int
compare_for_merge (gconstpointer a, gconstpointer b, gpointer user_data)
{
  GArray *records = user_data;
  const Record *x = &g_array_index (records, Record, *(const guint *) a);
  const Record *y = &g_array_index (records, Record, *(const guint *) b);

  if (x->from_postcode != y->from_postcode)
    return x->from_postcode ? 1 : -1;
  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

static void
merge_into (Import *import, Record *kept, Record *duplicate)
{
  Spec *duplicate_spec = g_ptr_array_index (import->specs, duplicate->spec);
  const char *id = duplicate_spec->source->id;

  duplicate_spec->stats.merged++;
  duplicate->dropped = TRUE;
  if (duplicate->spec != kept->spec
      && (kept->merged_from == NULL || strstr (kept->merged_from->str, id) == NULL))
    {
      if (kept->merged_from == NULL)
        kept->merged_from = g_string_new (id);
      else
        g_string_append_printf (kept->merged_from, ";%s", id);
    }
  if (kept->address == NULL)
    kept->address = g_steal_pointer (&duplicate->address);
  if (kept->postcode == NULL)
    kept->postcode = g_steal_pointer (&duplicate->postcode);
  if (kept->ref == NULL)
    kept->ref = g_steal_pointer (&duplicate->ref);
}

static Record *
find_duplicate (Import *import, GHashTable *cells, const Record *record)
{
  gint64 cx = (gint64) floor (record->lon / MERGE_CELL_DEGREES);
  gint64 cy = (gint64) floor (record->lat / MERGE_CELL_DEGREES);

  for (gint64 dy = -1; dy <= 1; dy++)
    for (gint64 dx = -1; dx <= 1; dx++)
      {
        gint64 key = merge_cell_key (record->category, cx + dx, cy + dy);
        GArray *members = g_hash_table_lookup (cells, &key);

        for (guint m = 0; members != NULL && m < members->len; m++)
          {
            Record *other = &g_array_index (import->records, Record, g_array_index (members, guint, m));
            double limit = (other->from_postcode || record->from_postcode)
                           ? MERGE_POSTCODE_METRES : MERGE_METRES;

            if (g_strcmp0 (other->key, record->key) == 0 && metres_between (other, record) <= limit)
              return other;
          }
      }
  return NULL;
}

static void
merge_duplicates (Import *import)
{
  g_autoptr(GHashTable) cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       (GDestroyNotify) g_array_unref);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < import->records->len; i++)
    {
      Record *record = &g_array_index (import->records, Record, i);

      if (!record->dropped)
        {
          record->key = wa_asset_name_key (record->name);
          g_array_append_val (order, i);
        }
    }
  g_array_sort_with_data (order, compare_for_merge, import->records);

  for (guint k = 0; k < order->len; k++)
    {
      guint i = g_array_index (order, guint, k);
      Record *record = &g_array_index (import->records, Record, i);
      gint64 key;
      GArray *members;
      Record *other;

      /* Unnamed records cannot be told apart: never merged. */
      if (record->key != NULL && (other = find_duplicate (import, cells, record)) != NULL)
        {
          merge_into (import, other, record);
          continue;
        }
      if (record->key == NULL)
        continue;
      key = merge_cell_key (record->category, (gint64) floor (record->lon / MERGE_CELL_DEGREES),
                            (gint64) floor (record->lat / MERGE_CELL_DEGREES));
      members = g_hash_table_lookup (cells, &key);
      if (members == NULL)
        {
          members = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (cells, g_memdup2 (&key, sizeof key), members);
        }
      g_array_append_val (members, i);
    }
}

/* ---- writing --------------------------------------------------------------- */

static gboolean
add_fields (WaBuildContext *ctx, OGRLayerH layer, const char *const *names,
            const OGRFieldType *types, guint n, GError **error)
{
  for (guint i = 0; i < n; i++)
    if (!wa_build_add_field (ctx, layer, names[i], types[i], error))
      return FALSE;
  return TRUE;
}

static gboolean
create_feature (Import *import, OGRLayerH layer, OGRFeatureH feature, GError **error)
{
  OGR_F_SetFID (feature, OGRNullFID);
  if (OGR_L_CreateFeature (layer, feature) == OGRERR_NONE)
    return TRUE;
  g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot write to layer “%s”: %s"),
               wa_build_pack_path (import->ctx), OGR_L_GetName (layer), wa_gdal_last_message ());
  return FALSE;
}

static void
set_string (OGRFeatureH feature, int index, const char *value)
{
  if (value != NULL)
    OGR_F_SetFieldString (feature, index, value);
  else
    OGR_F_SetFieldNull (feature, index);
}

static gboolean
write_points (Import *import, guint *counts, GError **error)
{
  static const char *const names[] = {
    WA_PACK_ASSET_NAME, WA_PACK_ASSET_CATEGORY, WA_PACK_ASSET_ADDRESS, WA_PACK_ASSET_POSTCODE,
    WA_PACK_ASSET_SOURCE, WA_PACK_ASSET_MERGED_FROM, WA_PACK_ASSET_REF, WA_PACK_ASSET_WARD_CODE,
  };
  static const OGRFieldType types[G_N_ELEMENTS (names)] = {
    OFTString, OFTString, OFTString, OFTString, OFTString, OFTString, OFTString, OFTString,
  };
  OGRLayerH layer = wa_build_create_layer (import->ctx, WA_PACK_LAYER_ASSETS, wkbPoint, error);
  OGRFeatureH feature;
  gboolean ok = TRUE;

  if (layer == NULL || !add_fields (import->ctx, layer, names, types, G_N_ELEMENTS (names), error))
    return FALSE;
  feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
  for (guint i = 0; ok && i < import->records->len; i++)
    {
      Record *record = &g_array_index (import->records, Record, i);
      Spec *spec = g_ptr_array_index (import->specs, record->spec);
      g_autofree char *display = NULL;
      OGRGeometryH point;

      if (record->dropped)
        continue;
      display = record->postcode != NULL ? wa_postcode_format (record->postcode) : NULL;
      set_string (feature, 0, record->name);
      set_string (feature, 1, wa_asset_category_id (record->category));
      set_string (feature, 2, record->address);
      set_string (feature, 3, display);
      set_string (feature, 4, spec->source->id);
      set_string (feature, 5, record->merged_from != NULL ? record->merged_from->str : NULL);
      set_string (feature, 6, record->ref);
      set_string (feature, 7, g_ptr_array_index (import->ctx->ward_codes, record->ward));
      point = OGR_G_CreateGeometry (wkbPoint);
      OGR_G_SetPoint_2D (point, 0, record->lon, record->lat);
      OGR_F_SetGeometryDirectly (feature, point);
      ok = create_feature (import, layer, feature, error);
      spec->stats.imported++;
      counts[record->ward * WA_N_ASSET_CATEGORIES + record->category]++;
    }
  OGR_F_Destroy (feature);
  return ok;
}

static gboolean
write_counts (Import *import, const guint *counts, GError **error)
{
  static const char *const names[] = { WA_PACK_AC_WARD_CODE, WA_PACK_AC_CATEGORY, WA_PACK_AC_COUNT };
  static const OGRFieldType types[] = { OFTString, OFTString, OFTInteger };
  OGRLayerH layer = wa_build_create_layer (import->ctx, WA_PACK_LAYER_ASSET_COUNTS, wkbNone, error);
  guint n_wards = import->ctx->ward_codes->len;
  g_autofree guint32 *covered = g_new0 (guint32, MAX (n_wards, 1));
  OGRFeatureH feature;
  gboolean ok = TRUE;

  if (layer == NULL || !add_fields (import->ctx, layer, names, types, 3, error))
    return FALSE;
  for (guint s = 0; s < import->specs->len; s++)
    {
      Spec *spec = g_ptr_array_index (import->specs, s);

      for (guint w = 0; w < n_wards; w++)
        if (ward_covered (import, spec, (int) w))
          covered[w] |= spec->categories;
    }
  feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
  for (guint w = 0; ok && w < n_wards; w++)
    for (int c = 0; ok && c < WA_N_ASSET_CATEGORIES; c++)
      if (covered[w] & (1u << c))
        {
          OGR_F_SetFieldString (feature, 0, g_ptr_array_index (import->ctx->ward_codes, w));
          OGR_F_SetFieldString (feature, 1, wa_asset_category_id (c));
          OGR_F_SetFieldInteger (feature, 2, (int) counts[w * WA_N_ASSET_CATEGORIES + c]);
          ok = create_feature (import, layer, feature, error);
        }
  OGR_F_Destroy (feature);
  return ok;
}

static char *
category_list (guint32 categories)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    if (categories & (1u << c))
      g_ptr_array_add (ids, (gpointer) wa_asset_category_id (c));
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (";", (char **) ids->pdata);
}

static gboolean
write_datasets (Import *import, GError **error)
{
  static const char *const names[] = {
    WA_PACK_AD_ID, WA_PACK_AD_TITLE, WA_PACK_AD_CATEGORIES, WA_PACK_AD_COVERAGE,
    WA_PACK_AD_COVERAGE_NAME, WA_PACK_AD_READ, WA_PACK_AD_EXCLUDED, WA_PACK_AD_SKIPPED,
    WA_PACK_AD_GEOCODED, WA_PACK_AD_UNMATCHED, WA_PACK_AD_NO_LOCATION, WA_PACK_AD_OUTSIDE,
    WA_PACK_AD_MERGED, WA_PACK_AD_IMPORTED,
  };
  static const OGRFieldType types[G_N_ELEMENTS (names)] = {
    OFTString, OFTString, OFTString, OFTString, OFTString, OFTInteger64, OFTInteger64,
    OFTInteger64, OFTInteger64, OFTInteger64, OFTInteger64, OFTInteger64, OFTInteger64,
    OFTInteger64,
  };
  OGRLayerH layer = wa_build_create_layer (import->ctx, WA_PACK_LAYER_ASSET_DATASETS, wkbNone, error);
  OGRFeatureH feature;
  gboolean ok = TRUE;

  if (layer == NULL || !add_fields (import->ctx, layer, names, types, G_N_ELEMENTS (names), error))
    return FALSE;
  feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
  for (guint s = 0; ok && s < import->specs->len; s++)
    {
      Spec *spec = g_ptr_array_index (import->specs, s);
      WaAssetDataset *d = &spec->stats;
      g_autofree char *categories = category_list (spec->categories);
      const gint64 values[] = { d->read, d->excluded, d->skipped, d->geocoded, d->unmatched,
                                d->no_location, d->outside, d->merged, d->imported };

      OGR_F_SetFieldString (feature, 0, spec->source->id);
      OGR_F_SetFieldString (feature, 1, spec->source->title);
      OGR_F_SetFieldString (feature, 2, categories);
      OGR_F_SetFieldString (feature, 3, spec->coverage_text);
      OGR_F_SetFieldString (feature, 4, spec->coverage_name);
      for (guint v = 0; v < G_N_ELEMENTS (values); v++)
        OGR_F_SetFieldInteger64 (feature, 5 + v, values[v]);
      ok = create_feature (import, layer, feature, error);
    }
  OGR_F_Destroy (feature);
  return ok;
}

static void
report_dataset (Import *import, Spec *spec)
{
  const WaAssetDataset *d = &spec->stats;

  if (spec->problems > MAX_REPORTED_ROWS)
    wa_build_report (import->ctx, _("%s: %" PRId64 " more rows with problems not shown"),
                     spec->path, spec->problems - MAX_REPORTED_ROWS);
  wa_build_report (import->ctx,
                   _("%s: %" PRId64 " read, %" PRId64 " closed or inactive, %"
                     PRId64 " not assets, %" PRId64 " geocoded by postcode, %"
                     PRId64 " postcodes unmatched, %" PRId64 " without a position, %"
                     PRId64 " outside %s, %" PRId64 " duplicates merged, %"
                     PRId64 " imported"),
                   spec->source->id, d->read, d->excluded, d->skipped, d->geocoded, d->unmatched,
                   d->no_location, d->outside, spec->coverage_name, d->merged, d->imported);
}

static void
import_clear (Import *import)
{
  g_clear_pointer (&import->specs, g_ptr_array_unref);
  g_clear_pointer (&import->records, g_array_unref);
  g_clear_pointer (&import->ward_lads, g_ptr_array_unref);
  g_clear_pointer (&import->lad_strings, g_hash_table_unref);
}

static gboolean
read_all (Import *import, GError **error)
{
  GPtrArray *sources = wa_manifest_get_sources (import->ctx->manifest, import->ctx->edition);

  for (guint i = 0; i < sources->len; i++)
    {
      const WaManifestSource *source = g_ptr_array_index (sources, i);
      Spec *spec;

      if (g_strcmp0 (source->role, ASSET_ROLE) != 0)
        continue;
      if ((spec = parse_spec (import->ctx, source, error)) == NULL)
        return FALSE;
      g_ptr_array_add (import->specs, spec);
      if (!read_source (import, import->specs->len - 1, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
wa_build_assets (WaBuildContext *ctx, GError **error)
{
  Import import = { .ctx = ctx };
  g_autofree guint *counts = g_new0 (guint, (gsize) MAX (ctx->ward_codes->len, 1) * WA_N_ASSET_CATEGORIES);
  gboolean started, ok;

  import.specs = g_ptr_array_new_with_free_func (spec_free);
  import.records = g_array_new (FALSE, TRUE, sizeof (Record));
  g_array_set_clear_func (import.records, record_clear);

  ok = read_all (&import, error) && read_ward_lads (&import, error) && geocode (&import, error);
  if (ok)
    {
      place_records (&import);
      merge_duplicates (&import);
      started = wa_build_begin (ctx);
      ok = write_points (&import, counts, error)
           && write_counts (&import, counts, error)
           && write_datasets (&import, error);
      ok = wa_build_end (ctx, started, ok, error);
    }
  for (guint s = 0; ok && s < import.specs->len; s++)
    {
      Spec *spec = g_ptr_array_index (import.specs, s);

      wa_build_count_records (ctx, spec->source->id, spec->stats.read);
      report_dataset (&import, spec);
    }
  import_clear (&import);
  return ok;
}
