/* wa-ward-profile.c
 *
 * Numbers are written plainly (full stop, no grouping) for machines;
 * missing values are empty CSV fields and JSON nulls, never "No data".
 */
#include <math.h>
#include <glib/gi18n.h>

#include "wa-area-summary.h"
#include "wa-asset.h"
#include "wa-error.h"
#include "wa-format.h"
#include "wa-gdal-util.h"
#include "wa-ward-profile.h"

typedef struct {
  GPtrArray *names;    /* column names */
  GPtrArray *values;   /* NULL = missing */
} Row;

static void
row_add (Row *row, const char *name, char *value)
{
  g_ptr_array_add (row->names, g_strdup (name));
  g_ptr_array_add (row->values, value);
}

static char *
number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return NULL;
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6g", value));
}

static char *
count (guint value)
{
  return value > 0 ? g_strdup_printf ("%u", value) : NULL;
}

static const char *
source_id (WaFigureSource source)
{
  switch (source)
    {
    case WA_FIGURE_PUBLISHED: return "published";
    case WA_FIGURE_COMPUTED: return "computed";
    case WA_FIGURE_THIRD_PARTY: return "third-party";
    case WA_FIGURE_NONE:
    default: return NULL;
    }
}

static char *
official_text (WaWard *ward)
{
  int official = wa_ward_get_official_left_behind (ward);

  return official < 0 ? NULL : g_strdup (official ? "true" : "false");
}

static char *
neighbour_codes (WaAtlas *atlas, WaWard *ward)
{
  guint n;
  const guint *indices = wa_ward_get_neighbours (ward, &n);
  GString *codes = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (codes, "%s%s", i ? ";" : "",
                            wa_ward_get_code (wa_atlas_get_ward (atlas, indices[i])));
  return g_string_free (codes, FALSE);
}

static void
build_row (WaAtlas *atlas, WaWard *ward, Row *row)
{
  const WaRankParams *params = wa_atlas_get_rank_params (atlas);
  g_autoptr(GPtrArray) all = wa_area_dup_wards (atlas, WA_AREA_LAND, NULL);
  WaAreaSummary england;
  gint64 population = wa_ward_get_population (ward);

  wa_area_summarize (all, &england);
  row_add (row, "ward_code", g_strdup (wa_ward_get_code (ward)));
  row_add (row, "ward_name", g_strdup (wa_ward_get_name (ward)));
  row_add (row, "lad_code", g_strdup (wa_ward_get_lad_code (ward)));
  row_add (row, "lad_name", g_strdup (wa_ward_get_lad_name (ward)));
  row_add (row, "region_code", g_strdup (wa_ward_get_region_code (ward)));
  row_add (row, "region_name", g_strdup (wa_ward_get_region_name (ward)));
  row_add (row, "population", population >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, population) : NULL);
  row_add (row, "n_lsoa", count (wa_ward_get_n_lsoa (ward)));
  row_add (row, "edition", g_strdup (wa_edition_to_string (wa_atlas_get_edition (atlas))));
  row_add (row, "vintages", g_strdup (wa_atlas_get_metadata (atlas, "vintages")));
  row_add (row, "method", g_strdup (wa_rank_method_to_id (params->method)));
  row_add (row, "method_description", wa_rank_params_describe (params));
  row_add (row, "threshold_percent", wa_rank_method_uses_threshold (params->method)
                                     ? number (params->threshold_percent) : NULL);
  row_add (row, "combined_rank", count (wa_ward_get_combined_rank (ward)));
  row_add (row, "combined_of", count (england.n_ranked));
  row_add (row, "left_behind", g_strdup (wa_ward_get_left_behind (ward) ? "true" : "false"));
  row_add (row, "official_left_behind", official_text (ward));
  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    {
      const WaFigure *figure = wa_ward_get_figure (ward, i);
      const char *id = wa_indicator_id (i);
      g_autofree char *score = g_strconcat (id, "_score", NULL);
      g_autofree char *rank = g_strconcat (id, "_rank", NULL);
      g_autofree char *of = g_strconcat (id, "_of", NULL);
      g_autofree char *decile = g_strconcat (id, "_decile", NULL);
      g_autofree char *source = g_strconcat (id, "_source", NULL);

      row_add (row, score, number (figure->score));
      row_add (row, rank, count (figure->rank));
      row_add (row, of, count (wa_atlas_get_n_ranked (atlas, i)));
      row_add (row, decile, count (figure->decile));
      row_add (row, source, g_strdup (source_id (figure->source)));
      if (i == WA_INDICATOR_IMD)
        {
          row_add (row, "imd_extent", number (figure->extent));
          row_add (row, "imd_proportion", number (figure->proportion));
        }
    }
  /* Asset counts and rates; empty where the pack's data do not cover the
   * ward (not covered is not zero). */
  {
    WaAssetStat stats[WA_N_ASSET_CATEGORIES];

    wa_assets_summarise (wa_atlas_get_assets (atlas), wa_ward_get_index (ward), stats);
    for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
      {
        g_autofree char *n = g_strconcat ("assets_", wa_asset_category_id (c), NULL);
        g_autofree char *r = g_strconcat ("assets_", wa_asset_category_id (c), "_per_1000", NULL);

        row_add (row, n, stats[c].covered ? g_strdup_printf ("%u", stats[c].count) : NULL);
        row_add (row, r, stats[c].covered ? number (stats[c].rate) : NULL);
      }
  }
  row_add (row, "neighbours", neighbour_codes (atlas, ward));
  {
    g_auto(GStrv) attributions = wa_atlas_dup_attributions (atlas);

    row_add (row, "attribution", wa_format_attribution_line ((const char * const *) attributions));
  }
}

GBytes *
wa_ward_profile_to_csv (WaAtlas *atlas, WaWard *ward, GError **error)
{
  static gint counter;
  g_autofree char *path = g_strdup_printf ("/vsimem/ward-atlas-profile-%d.csv",
                                           g_atomic_int_add (&counter, 1));
  const char *options[] = { "STRING_QUOTING=IF_NEEDED", NULL };
  Row row = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free) };
  GDALDatasetH dataset;
  OGRLayerH layer = NULL;
  OGRFeatureH feature;
  GBytes *bytes = NULL;
  vsi_l_offset length = 0;
  GByte *buffer;
  gboolean ok = FALSE;

  g_return_val_if_fail (WA_IS_ATLAS (atlas) && WA_IS_WARD (ward), NULL);

  build_row (atlas, ward, &row);
  wa_gdal_init ();
  dataset = GDALCreate (GDALGetDriverByName ("CSV"), path, 0, 0, 0, GDT_Unknown, NULL);
  if (dataset != NULL)
    layer = GDALDatasetCreateLayer (dataset, "profile", NULL, wkbNone, (char **) options);
  if (layer != NULL)
    {
      for (guint c = 0; c < row.names->len; c++)
        {
          OGRFieldDefnH field = OGR_Fld_Create (g_ptr_array_index (row.names, c), OFTString);

          OGR_L_CreateField (layer, field, TRUE);
          OGR_Fld_Destroy (field);
        }
      feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      for (guint c = 0; c < row.values->len; c++)
        if (g_ptr_array_index (row.values, c) != NULL)
          OGR_F_SetFieldString (feature, (int) c, g_ptr_array_index (row.values, c));
      ok = OGR_L_CreateFeature (layer, feature) == OGRERR_NONE;
      OGR_F_Destroy (feature);
    }
  if (dataset != NULL)
    GDALClose (dataset);
  if (!ok)
    g_set_error (error, WA_ERROR, WA_ERROR_FAILED, _("Cannot write the CSV profile of %s: %s"),
                 wa_ward_get_code (ward), wa_gdal_last_message ());
  else
    {
      buffer = VSIGetMemFileBuffer (path, &length, TRUE);
      bytes = g_bytes_new (buffer, length);
      VSIFree (buffer);
    }
  VSIUnlink (path);
  g_ptr_array_unref (row.names);
  g_ptr_array_unref (row.values);
  return bytes;
}

void
wa_json_append_string (GString *out, const char *text)
{
  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '"': g_string_append (out, "\\\""); break;
      case '\\': g_string_append (out, "\\\\"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      case '\t': g_string_append (out, "\\t"); break;
      default:
        if ((guchar) *p < 0x20)
          g_string_append_printf (out, "\\u%04x", (guchar) *p);
        else
          g_string_append_c (out, *p);
      }
  g_string_append_c (out, '"');
}

/* One JSON object on one line: members are added in order, commas and
 * braces come by themselves. */
typedef struct {
  GString *out;
  gboolean first;
} JsonObject;

static void
json_begin (JsonObject *o, GString *out)
{
  o->out = out;
  o->first = TRUE;
  g_string_append (out, "{ ");
}

static void
json_key (JsonObject *o, const char *key)
{
  if (!o->first)
    g_string_append (o->out, ", ");
  o->first = FALSE;
  wa_json_append_string (o->out, key);
  g_string_append (o->out, ": ");
}

static void
json_string (JsonObject *o, const char *key, const char *value)
{
  json_key (o, key);
  wa_json_append_string (o->out, value);
}

/* A value already formatted as JSON (number, literal), taken; NULL is null. */
static void
json_raw (JsonObject *o, const char *key, char *value)
{
  json_key (o, key);
  g_string_append (o->out, value != NULL ? value : "null");
  g_free (value);
}

static void
json_bool (JsonObject *o, const char *key, gboolean value)
{
  json_raw (o, key, g_strdup (value ? "true" : "false"));
}

static void
json_end (JsonObject *o)
{
  g_string_append (o->out, " }");
}

static void
json_summary (GString *out, const char *code, GPtrArray *wards)
{
  WaAreaSummary s;
  JsonObject o;

  wa_area_summarize (wards, &s);
  json_begin (&o, out);
  json_string (&o, "code", code);
  json_raw (&o, "wards", g_strdup_printf ("%u", s.n_wards));
  json_raw (&o, "ranked", g_strdup_printf ("%u", s.n_ranked));
  json_raw (&o, "left_behind_wards", g_strdup_printf ("%u", s.n_left_behind));
  json_raw (&o, "population", g_strdup_printf ("%" G_GINT64_FORMAT, s.population));
  json_raw (&o, "left_behind_population",
            g_strdup_printf ("%" G_GINT64_FORMAT, s.left_behind_population));
  json_raw (&o, "median_combined_rank", number (s.median_combined_rank));
  json_raw (&o, "median_imd_rank", number (s.median_imd_rank));
  json_raw (&o, "median_cni_rank", number (s.median_cni_rank));
  json_end (&o);
}

static void
json_indicator (GString *out, WaAtlas *atlas, WaWard *ward, WaIndicator i)
{
  const WaFigure *f = wa_ward_get_figure (ward, i);
  JsonObject o;

  json_begin (&o, out);
  json_string (&o, "id", wa_indicator_id (i));
  json_string (&o, "label", wa_indicator_label (i));
  json_string (&o, "index", wa_indicator_index (i) == WA_INDEX_IMD ? "IMD" : "CNI");
  json_raw (&o, "score", number (f->score));
  json_raw (&o, "rank", count (f->rank));
  json_raw (&o, "of", count (wa_atlas_get_n_ranked (atlas, i)));
  json_raw (&o, "decile", count (f->decile));
  json_raw (&o, "extent", number (f->extent));
  json_raw (&o, "proportion", number (f->proportion));
  json_string (&o, "source", source_id (f->source));
  json_end (&o);
}

static void
json_asset (GString *out, WaAssets *assets, const WaAssetStat *s)
{
  JsonObject o;

  json_begin (&o, out);
  json_string (&o, "category", wa_asset_category_id (s->category));
  json_string (&o, "domain", wa_asset_domain_id (wa_asset_category_domain (s->category)));
  json_string (&o, "coverage", wa_assets_get_coverage_name (assets, s->category));
  json_bool (&o, "covered", s->covered);
  json_raw (&o, "count", s->covered ? g_strdup_printf ("%u", s->count) : NULL);
  json_raw (&o, "per_1000", s->covered ? number (s->rate) : NULL);
  json_raw (&o, "england_median", number (s->england_median));
  json_raw (&o, "similar_median", number (s->similar_median));
  json_raw (&o, "left_behind_median", number (s->left_behind_median));
  json_end (&o);
}

static void
json_neighbour (GString *out, WaWard *nb)
{
  JsonObject o;

  json_begin (&o, out);
  json_string (&o, "code", wa_ward_get_code (nb));
  json_string (&o, "name", wa_ward_get_name (nb));
  json_string (&o, "lad_name", wa_ward_get_lad_name (nb));
  json_raw (&o, "combined_rank", count (wa_ward_get_combined_rank (nb)));
  json_bool (&o, "left_behind", wa_ward_get_left_behind (nb));
  json_end (&o);
}

/* A list with one item per line. */
static void
json_list_item (GString *out, guint i)
{
  g_string_append (out, i == 0 ? "\n    " : ",\n    ");
}

static void
json_list_end (GString *out, guint n, gboolean last)
{
  g_string_append (out, n > 0 ? "\n  ]" : "]");
  g_string_append (out, last ? "\n" : ",\n");
}

static void
json_top_key (GString *out, const char *key)
{
  g_string_append (out, "  ");
  wa_json_append_string (out, key);
  g_string_append (out, ": ");
}

GBytes *
wa_ward_profile_to_json (WaAtlas *atlas, WaWard *ward)
{
  const WaRankParams *params = wa_atlas_get_rank_params (atlas);
  GString *out = g_string_new ("{\n");
  g_autofree char *method = wa_rank_params_describe (params);
  g_autoptr(GPtrArray) lad = wa_area_dup_wards (atlas, WA_AREA_LAD, wa_ward_get_lad_code (ward));
  g_autoptr(GPtrArray) region = wa_area_dup_wards (atlas, WA_AREA_REGION,
                                                   wa_ward_get_region_code (ward));
  g_autoptr(GPtrArray) england = wa_area_dup_wards (atlas, WA_AREA_LAND, NULL);
  g_auto(GStrv) attributions = wa_atlas_dup_attributions (atlas);
  WaAssets *assets = wa_atlas_get_assets (atlas);
  WaAssetStat stats[WA_N_ASSET_CATEGORIES];
  gint64 population = wa_ward_get_population (ward);
  const guint *neighbours;
  guint n;
  WaAreaSummary all;
  JsonObject o;

  g_return_val_if_fail (WA_IS_ATLAS (atlas) && WA_IS_WARD (ward), NULL);

  wa_area_summarize (england, &all);
  json_top_key (out, "ward");
  json_begin (&o, out);
  json_string (&o, "code", wa_ward_get_code (ward));
  json_string (&o, "name", wa_ward_get_name (ward));
  json_string (&o, "lad_code", wa_ward_get_lad_code (ward));
  json_string (&o, "lad_name", wa_ward_get_lad_name (ward));
  json_string (&o, "region_code", wa_ward_get_region_code (ward));
  json_string (&o, "region_name", wa_ward_get_region_name (ward));
  json_raw (&o, "population",
            population >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, population) : NULL);
  json_end (&o);
  g_string_append (out, ",\n");

  json_top_key (out, "edition");
  json_begin (&o, out);
  json_string (&o, "id", wa_edition_to_string (wa_atlas_get_edition (atlas)));
  json_string (&o, "vintages", wa_atlas_get_metadata (atlas, "vintages"));
  json_end (&o);
  g_string_append (out, ",\n");

  json_top_key (out, "method");
  json_begin (&o, out);
  json_string (&o, "id", wa_rank_method_to_id (params->method));
  json_string (&o, "description", method);
  json_raw (&o, "threshold_percent", wa_rank_method_uses_threshold (params->method)
                                     ? number (params->threshold_percent) : NULL);
  json_raw (&o, "weight_imd", wa_rank_method_uses_weights (params->method)
                              ? number (params->weight_imd) : NULL);
  json_raw (&o, "weight_cni", wa_rank_method_uses_weights (params->method)
                              ? number (params->weight_cni) : NULL);
  json_end (&o);
  g_string_append (out, ",\n");

  json_top_key (out, "combined");
  json_begin (&o, out);
  json_raw (&o, "rank", count (wa_ward_get_combined_rank (ward)));
  json_raw (&o, "of", g_strdup_printf ("%u", all.n_ranked));
  json_bool (&o, "left_behind", wa_ward_get_left_behind (ward));
  json_raw (&o, "official_left_behind", official_text (ward));
  json_end (&o);
  g_string_append (out, ",\n");

  json_top_key (out, "indicators");
  g_string_append (out, "[");
  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    {
      json_list_item (out, i);
      json_indicator (out, atlas, ward, i);
    }
  json_list_end (out, WA_N_INDICATORS, FALSE);

  /* Not covered is not zero: count and rate are null then. */
  wa_assets_summarise (assets, wa_ward_get_index (ward), stats);
  json_top_key (out, "assets");
  g_string_append (out, "[");
  for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    {
      json_list_item (out, c);
      json_asset (out, assets, &stats[c]);
    }
  json_list_end (out, WA_N_ASSET_CATEGORIES, FALSE);

  neighbours = wa_ward_get_neighbours (ward, &n);
  json_top_key (out, "neighbours");
  g_string_append (out, "[");
  for (guint i = 0; i < n; i++)
    {
      json_list_item (out, i);
      json_neighbour (out, wa_atlas_get_ward (atlas, neighbours[i]));
    }
  json_list_end (out, n, FALSE);

  json_top_key (out, "comparison");
  g_string_append (out, "{\n    \"lad\": ");
  json_summary (out, wa_ward_get_lad_code (ward), lad);
  g_string_append (out, ",\n    \"region\": ");
  json_summary (out, wa_ward_get_region_code (ward), region);
  g_string_append (out, ",\n    \"england\": ");
  json_summary (out, NULL, england);
  g_string_append (out, "\n  },\n");

  json_top_key (out, "attribution");
  g_string_append (out, "[");
  for (guint i = 0; attributions[i] != NULL; i++)
    {
      json_list_item (out, i);
      wa_json_append_string (out, attributions[i]);
    }
  json_list_end (out, g_strv_length (attributions), TRUE);
  g_string_append (out, "}\n");
  return g_string_free_to_bytes (out);
}
