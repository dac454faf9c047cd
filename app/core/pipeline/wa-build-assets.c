/* wa-build-assets.c: the "assets", "asset_counts" and "asset_datasets"
 * layers from every manifest source with role "assets": the manifest's
 * rules for each source, the step, and what it writes.
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
#include "wa-build-assets-private.h"
#include "wa-error.h"
#include "wa-pack.h"
#include "wa-postcode.h"

#include <string.h>
#include <glib/gi18n-lib.h>

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

void
wa_assets_spec_free (gpointer data)
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

void
wa_assets_record_clear (gpointer data)
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
GStrv
wa_assets_split_list (const char *text)
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
  g_auto(GStrv) entries = wa_assets_split_list (text);

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
  g_auto(GStrv) entries = wa_assets_split_list (text);

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
  codes = wa_assets_split_list (text);
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
        require->values = wa_assets_split_list (value);
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
  spec->exclude_if_set = wa_assets_split_list (wa_manifest_source_option (source, "exclude_if_set"));
  spec->null_names = wa_assets_split_list (wa_manifest_source_option (source, "null_names"));
  spec->title_case = g_strcmp0 (wa_manifest_source_option (source, "title_case"), "yes") == 0;
  return spec;

fail:
  wa_assets_spec_free (spec);
  return NULL;
}

/* ---- writing --------------------------------------------------------------- */

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
  static const WaBuildField fields[] = {
    { WA_PACK_ASSET_NAME, OFTString },
    { WA_PACK_ASSET_CATEGORY, OFTString },
    { WA_PACK_ASSET_ADDRESS, OFTString },
    { WA_PACK_ASSET_POSTCODE, OFTString },
    { WA_PACK_ASSET_SOURCE, OFTString },
    { WA_PACK_ASSET_MERGED_FROM, OFTString },
    { WA_PACK_ASSET_REF, OFTString },
    { WA_PACK_ASSET_WARD_CODE, OFTString },
  };
  OGRLayerH layer = wa_build_create_layer_with_fields (import->ctx, WA_PACK_LAYER_ASSETS, wkbPoint,
                                                       fields, G_N_ELEMENTS (fields), error);
  OGRFeatureH feature;
  gboolean ok = TRUE;

  if (layer == NULL)
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
      ok = wa_build_write_feature (import->ctx, layer, feature, error);
      spec->stats.imported++;
      counts[record->ward * WA_N_ASSET_CATEGORIES + record->category]++;
    }
  OGR_F_Destroy (feature);
  return ok;
}

static gboolean
write_counts (Import *import, const guint *counts, GError **error)
{
  static const WaBuildField fields[] = {
    { WA_PACK_AC_WARD_CODE, OFTString },
    { WA_PACK_AC_CATEGORY, OFTString },
    { WA_PACK_AC_COUNT, OFTInteger },
  };
  OGRLayerH layer = wa_build_create_layer_with_fields (import->ctx, WA_PACK_LAYER_ASSET_COUNTS,
                                                       wkbNone, fields, G_N_ELEMENTS (fields),
                                                       error);
  guint n_wards = import->ctx->ward_codes->len;
  g_autofree guint32 *covered = g_new0 (guint32, MAX (n_wards, 1));
  OGRFeatureH feature;
  gboolean ok = TRUE;

  if (layer == NULL)
    return FALSE;
  for (guint s = 0; s < import->specs->len; s++)
    {
      Spec *spec = g_ptr_array_index (import->specs, s);

      for (guint w = 0; w < n_wards; w++)
        if (wa_assets_ward_covered (import, spec, (int) w))
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
          ok = wa_build_write_feature (import->ctx, layer, feature, error);
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
  static const WaBuildField fields[] = {
    { WA_PACK_AD_ID, OFTString },
    { WA_PACK_AD_TITLE, OFTString },
    { WA_PACK_AD_CATEGORIES, OFTString },
    { WA_PACK_AD_COVERAGE, OFTString },
    { WA_PACK_AD_COVERAGE_NAME, OFTString },
    { WA_PACK_AD_READ, OFTInteger64 },
    { WA_PACK_AD_EXCLUDED, OFTInteger64 },
    { WA_PACK_AD_SKIPPED, OFTInteger64 },
    { WA_PACK_AD_GEOCODED, OFTInteger64 },
    { WA_PACK_AD_UNMATCHED, OFTInteger64 },
    { WA_PACK_AD_NO_LOCATION, OFTInteger64 },
    { WA_PACK_AD_OUTSIDE, OFTInteger64 },
    { WA_PACK_AD_MERGED, OFTInteger64 },
    { WA_PACK_AD_IMPORTED, OFTInteger64 },
  };
  OGRLayerH layer = wa_build_create_layer_with_fields (import->ctx, WA_PACK_LAYER_ASSET_DATASETS,
                                                       wkbNone, fields, G_N_ELEMENTS (fields),
                                                       error);
  OGRFeatureH feature;
  gboolean ok = TRUE;

  if (layer == NULL)
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
      ok = wa_build_write_feature (import->ctx, layer, feature, error);
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
      if (!wa_assets_read_source (import, import->specs->len - 1, error))
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

  import.specs = g_ptr_array_new_with_free_func (wa_assets_spec_free);
  import.records = g_array_new (FALSE, TRUE, sizeof (Record));
  g_array_set_clear_func (import.records, wa_assets_record_clear);

  ok = read_all (&import, error) && wa_assets_read_ward_lads (&import, error) && wa_assets_geocode (&import, error);
  if (ok)
    {
      wa_assets_place_records (&import);
      wa_assets_merge_duplicates (&import);
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
