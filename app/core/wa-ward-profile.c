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

static void
json_key (GString *out, int indent, const char *key)
{
  g_string_append_printf (out, "%*s", indent, "");
  wa_json_append_string (out, key);
  g_string_append (out, ": ");
}

/* A value already formatted as JSON (number, literal) or NULL for null. */
static void
json_raw (GString *out, char *value)
{
  g_string_append (out, value != NULL ? value : "null");
  g_free (value);
}

static void
json_summary (GString *out, int indent, const char *name, const char *code, GPtrArray *wards)
{
  WaAreaSummary s;

  wa_area_summarize (wards, &s);
  json_key (out, indent, name);
  g_string_append (out, "{ \"code\": ");
  wa_json_append_string (out, code);
  g_string_append_printf (out, ", \"wards\": %u, \"ranked\": %u, \"left_behind_wards\": %u, "
                          "\"population\": %" G_GINT64_FORMAT ", "
                          "\"left_behind_population\": %" G_GINT64_FORMAT ", "
                          "\"median_combined_rank\": ",
                          s.n_wards, s.n_ranked, s.n_left_behind, s.population,
                          s.left_behind_population);
  json_raw (out, number (s.median_combined_rank));
  g_string_append (out, ", \"median_imd_rank\": ");
  json_raw (out, number (s.median_imd_rank));
  g_string_append (out, ", \"median_cni_rank\": ");
  json_raw (out, number (s.median_cni_rank));
  g_string_append (out, " }");
}

static void
json_indicators (GString *out, WaAtlas *atlas, WaWard *ward)
{
  g_string_append (out, "  \"indicators\": [\n");
  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    {
      const WaFigure *f = wa_ward_get_figure (ward, i);

      g_string_append (out, "    { \"id\": ");
      wa_json_append_string (out, wa_indicator_id (i));
      g_string_append (out, ", \"label\": ");
      wa_json_append_string (out, wa_indicator_label (i));
      g_string_append (out, ", \"index\": ");
      wa_json_append_string (out, wa_indicator_index (i) == WA_INDEX_IMD ? "IMD" : "CNI");
      g_string_append (out, ", \"score\": ");
      json_raw (out, number (f->score));
      g_string_append (out, ", \"rank\": ");
      json_raw (out, count (f->rank));
      g_string_append (out, ", \"of\": ");
      json_raw (out, count (wa_atlas_get_n_ranked (atlas, i)));
      g_string_append (out, ", \"decile\": ");
      json_raw (out, count (f->decile));
      g_string_append (out, ", \"extent\": ");
      json_raw (out, number (f->extent));
      g_string_append (out, ", \"proportion\": ");
      json_raw (out, number (f->proportion));
      g_string_append (out, ", \"source\": ");
      wa_json_append_string (out, source_id (f->source));
      g_string_append_printf (out, " }%s\n", i + 1 < WA_N_INDICATORS ? "," : "");
    }
  g_string_append (out, "  ],\n");
}

static void
json_assets (GString *out, WaAtlas *atlas, WaWard *ward)
{
  WaAssets *assets = wa_atlas_get_assets (atlas);
  WaAssetStat stats[WA_N_ASSET_CATEGORIES];

  wa_assets_summarise (assets, wa_ward_get_index (ward), stats);
  g_string_append (out, "  \"assets\": [\n");
  for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    {
      const WaAssetStat *s = &stats[c];

      g_string_append (out, "    { \"category\": ");
      wa_json_append_string (out, wa_asset_category_id (c));
      g_string_append (out, ", \"domain\": ");
      wa_json_append_string (out, wa_asset_domain_id (wa_asset_category_domain (c)));
      g_string_append (out, ", \"coverage\": ");
      wa_json_append_string (out, wa_assets_get_coverage_name (assets, c));
      g_string_append_printf (out, ", \"covered\": %s, \"count\": ", s->covered ? "true" : "false");
      json_raw (out, s->covered ? g_strdup_printf ("%u", s->count) : NULL);
      g_string_append (out, ", \"per_1000\": ");
      json_raw (out, s->covered ? number (s->rate) : NULL);
      g_string_append (out, ", \"england_median\": ");
      json_raw (out, number (s->england_median));
      g_string_append (out, ", \"similar_median\": ");
      json_raw (out, number (s->similar_median));
      g_string_append (out, ", \"left_behind_median\": ");
      json_raw (out, number (s->left_behind_median));
      g_string_append_printf (out, " }%s\n", c + 1 < WA_N_ASSET_CATEGORIES ? "," : "");
    }
  g_string_append (out, "  ],\n");
}

static void
json_neighbours (GString *out, WaAtlas *atlas, WaWard *ward)
{
  guint n;
  const guint *indices = wa_ward_get_neighbours (ward, &n);

  g_string_append (out, "  \"neighbours\": [");
  for (guint i = 0; i < n; i++)
    {
      WaWard *nb = wa_atlas_get_ward (atlas, indices[i]);

      g_string_append (out, i ? ",\n    { \"code\": " : "\n    { \"code\": ");
      wa_json_append_string (out, wa_ward_get_code (nb));
      g_string_append (out, ", \"name\": ");
      wa_json_append_string (out, wa_ward_get_name (nb));
      g_string_append (out, ", \"lad_name\": ");
      wa_json_append_string (out, wa_ward_get_lad_name (nb));
      g_string_append (out, ", \"combined_rank\": ");
      json_raw (out, count (wa_ward_get_combined_rank (nb)));
      g_string_append_printf (out, ", \"left_behind\": %s }",
                              wa_ward_get_left_behind (nb) ? "true" : "false");
    }
  g_string_append (out, n ? "\n  ],\n" : "],\n");
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
  gint64 population = wa_ward_get_population (ward);
  WaAreaSummary all;

  g_return_val_if_fail (WA_IS_ATLAS (atlas) && WA_IS_WARD (ward), NULL);

  wa_area_summarize (england, &all);
  json_key (out, 2, "code"); wa_json_append_string (out, wa_ward_get_code (ward));
  g_string_append (out, ",\n");
  json_key (out, 2, "name"); wa_json_append_string (out, wa_ward_get_name (ward));
  g_string_append (out, ",\n");
  json_key (out, 2, "lad"); g_string_append (out, "{ \"code\": ");
  wa_json_append_string (out, wa_ward_get_lad_code (ward));
  g_string_append (out, ", \"name\": ");
  wa_json_append_string (out, wa_ward_get_lad_name (ward));
  g_string_append (out, " },\n");
  json_key (out, 2, "region"); g_string_append (out, "{ \"code\": ");
  wa_json_append_string (out, wa_ward_get_region_code (ward));
  g_string_append (out, ", \"name\": ");
  wa_json_append_string (out, wa_ward_get_region_name (ward));
  g_string_append (out, " },\n");
  json_key (out, 2, "population");
  json_raw (out, population >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, population) : NULL);
  g_string_append (out, ",\n");
  json_key (out, 2, "edition");
  wa_json_append_string (out, wa_edition_to_string (wa_atlas_get_edition (atlas)));
  g_string_append (out, ",\n");
  json_key (out, 2, "vintages");
  wa_json_append_string (out, wa_atlas_get_metadata (atlas, "vintages"));
  g_string_append (out, ",\n");
  json_key (out, 2, "method");
  g_string_append (out, "{ \"id\": ");
  wa_json_append_string (out, wa_rank_method_to_id (params->method));
  g_string_append (out, ", \"description\": ");
  wa_json_append_string (out, method);
  g_string_append (out, ", \"threshold_percent\": ");
  json_raw (out, wa_rank_method_uses_threshold (params->method) ? number (params->threshold_percent) : NULL);
  g_string_append (out, ", \"weight_imd\": ");
  json_raw (out, wa_rank_method_uses_weights (params->method) ? number (params->weight_imd) : NULL);
  g_string_append (out, ", \"weight_cni\": ");
  json_raw (out, wa_rank_method_uses_weights (params->method) ? number (params->weight_cni) : NULL);
  g_string_append (out, " },\n");
  json_key (out, 2, "combined");
  g_string_append (out, "{ \"rank\": ");
  json_raw (out, count (wa_ward_get_combined_rank (ward)));
  g_string_append_printf (out, ", \"of\": %u, \"left_behind\": %s, \"official_left_behind\": ",
                          all.n_ranked, wa_ward_get_left_behind (ward) ? "true" : "false");
  json_raw (out, official_text (ward));
  g_string_append (out, " },\n");
  json_indicators (out, atlas, ward);
  json_assets (out, atlas, ward);
  json_neighbours (out, atlas, ward);
  json_key (out, 2, "comparison");
  g_string_append (out, "{\n");
  json_summary (out, 4, "lad", wa_ward_get_lad_code (ward), lad);
  g_string_append (out, ",\n");
  json_summary (out, 4, "region", wa_ward_get_region_code (ward), region);
  g_string_append (out, ",\n");
  json_summary (out, 4, "england", NULL, england);
  g_string_append (out, "\n  },\n");
  json_key (out, 2, "attribution");
  g_string_append (out, "[");
  for (guint i = 0; attributions[i] != NULL; i++)
    {
      g_string_append (out, i ? ",\n    " : "\n    ");
      wa_json_append_string (out, attributions[i]);
    }
  g_string_append (out, "\n  ]\n}\n");
  return g_string_free_to_bytes (out);
}
