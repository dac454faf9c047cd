/* wa-ward-profile.c
 *
 * Numbers are written plainly (full stop, no grouping) for machines;
 * missing values are empty CSV fields and JSON nulls, never "No data".
 */
#include <math.h>

#include "wa-area-summary.h"
#include "wa-asset.h"
#include "wa-csv.h"
#include "wa-format.h"
#include "wa-json.h"
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
        g_autofree char *r = g_strconcat ("assets_", wa_asset_category_id (c), "_rate_per_1000", NULL);

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
  Row row = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free) };
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (WA_IS_ATLAS (atlas) && WA_IS_WARD (ward), NULL);

  build_row (atlas, ward, &row);
  wa_csv_append_row (out, (const char * const *) row.names->pdata, row.names->len);
  wa_csv_append_row (out, (const char * const *) row.values->pdata, row.values->len);
  g_ptr_array_unref (row.names);
  g_ptr_array_unref (row.values);
  return g_string_free_to_bytes (out);
}

/* Numbers as the CSV profile prints them. */
static void
add_number (JsonBuilder *b, const char *key, double value)
{
  wa_json_add_number (b, key, value, "%.6g");
}

static void
add_summary (JsonBuilder *b, const char *key, const char *code, GPtrArray *wards)
{
  WaAreaSummary s;

  wa_area_summarize (wards, &s);
  json_builder_set_member_name (b, key);
  json_builder_begin_object (b);
  wa_json_add_string (b, "code", code);
  wa_json_add_int (b, "wards", s.n_wards);
  wa_json_add_int (b, "ranked", s.n_ranked);
  wa_json_add_int (b, "left_behind_wards", s.n_left_behind);
  wa_json_add_int (b, "population", s.population);
  wa_json_add_int (b, "left_behind_population", s.left_behind_population);
  add_number (b, "median_combined_rank", s.median_combined_rank);
  add_number (b, "median_imd_rank", s.median_imd_rank);
  add_number (b, "median_cni_rank", s.median_cni_rank);
  json_builder_end_object (b);
}

static void
add_indicator (JsonBuilder *b, WaAtlas *atlas, WaWard *ward, WaIndicator i)
{
  const WaFigure *f = wa_ward_get_figure (ward, i);

  json_builder_begin_object (b);
  wa_json_add_string (b, "id", wa_indicator_id (i));
  wa_json_add_string (b, "label", wa_indicator_label (i));
  wa_json_add_string (b, "index", wa_indicator_index (i) == WA_INDEX_IMD ? "IMD" : "CNI");
  add_number (b, "score", f->score);
  wa_json_add_count (b, "rank", f->rank);
  wa_json_add_count (b, "of", wa_atlas_get_n_ranked (atlas, i));
  wa_json_add_count (b, "decile", f->decile);
  add_number (b, "extent", f->extent);
  add_number (b, "proportion", f->proportion);
  wa_json_add_string (b, "source", source_id (f->source));
  json_builder_end_object (b);
}

static void
add_neighbour (JsonBuilder *b, WaWard *nb)
{
  json_builder_begin_object (b);
  wa_json_add_string (b, "code", wa_ward_get_code (nb));
  wa_json_add_string (b, "name", wa_ward_get_name (nb));
  wa_json_add_string (b, "lad_name", wa_ward_get_lad_name (nb));
  wa_json_add_count (b, "combined_rank", wa_ward_get_combined_rank (nb));
  wa_json_add_bool (b, "left_behind", wa_ward_get_left_behind (nb));
  json_builder_end_object (b);
}

static void
add_identity (JsonBuilder *b, WaAtlas *atlas, WaWard *ward)
{
  const WaRankParams *params = wa_atlas_get_rank_params (atlas);
  g_autofree char *method = wa_rank_params_describe (params);

  json_builder_set_member_name (b, "ward");
  json_builder_begin_object (b);
  wa_json_add_string (b, "code", wa_ward_get_code (ward));
  wa_json_add_string (b, "name", wa_ward_get_name (ward));
  wa_json_add_string (b, "lad_code", wa_ward_get_lad_code (ward));
  wa_json_add_string (b, "lad_name", wa_ward_get_lad_name (ward));
  wa_json_add_string (b, "region_code", wa_ward_get_region_code (ward));
  wa_json_add_string (b, "region_name", wa_ward_get_region_name (ward));
  wa_json_add_known (b, "population", wa_ward_get_population (ward));
  json_builder_end_object (b);

  json_builder_set_member_name (b, "edition");
  json_builder_begin_object (b);
  wa_json_add_string (b, "id", wa_edition_to_string (wa_atlas_get_edition (atlas)));
  wa_json_add_string (b, "vintages", wa_atlas_get_metadata (atlas, "vintages"));
  json_builder_end_object (b);

  json_builder_set_member_name (b, "method");
  json_builder_begin_object (b);
  wa_json_add_string (b, "id", wa_rank_method_to_id (params->method));
  wa_json_add_string (b, "description", method);
  add_number (b, "threshold_percent", wa_rank_method_uses_threshold (params->method)
                                      ? params->threshold_percent : NAN);
  add_number (b, "weight_imd", wa_rank_method_uses_weights (params->method)
                               ? params->weight_imd : NAN);
  add_number (b, "weight_cni", wa_rank_method_uses_weights (params->method)
                               ? params->weight_cni : NAN);
  json_builder_end_object (b);
}

GBytes *
wa_ward_profile_to_json (WaAtlas *atlas, WaWard *ward)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) lad = NULL, region = NULL, england = NULL;
  g_auto(GStrv) attributions = NULL;
  WaAssets *assets;
  WaAssetStat stats[WA_N_ASSET_CATEGORIES];
  const guint *neighbours;
  guint n;
  WaAreaSummary all;
  int official;

  g_return_val_if_fail (WA_IS_ATLAS (atlas) && WA_IS_WARD (ward), NULL);

  lad = wa_area_dup_wards (atlas, WA_AREA_LAD, wa_ward_get_lad_code (ward));
  region = wa_area_dup_wards (atlas, WA_AREA_REGION, wa_ward_get_region_code (ward));
  england = wa_area_dup_wards (atlas, WA_AREA_LAND, NULL);
  attributions = wa_atlas_dup_attributions (atlas);
  assets = wa_atlas_get_assets (atlas);
  wa_area_summarize (england, &all);

  json_builder_begin_object (b);
  add_identity (b, atlas, ward);

  json_builder_set_member_name (b, "combined");
  json_builder_begin_object (b);
  wa_json_add_count (b, "rank", wa_ward_get_combined_rank (ward));
  wa_json_add_int (b, "of", all.n_ranked);
  wa_json_add_bool (b, "left_behind", wa_ward_get_left_behind (ward));
  official = wa_ward_get_official_left_behind (ward);
  if (official >= 0)
    wa_json_add_bool (b, "official_left_behind", official);
  else
    wa_json_add_null (b, "official_left_behind");
  json_builder_end_object (b);

  json_builder_set_member_name (b, "indicators");
  json_builder_begin_array (b);
  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    add_indicator (b, atlas, ward, i);
  json_builder_end_array (b);

  wa_assets_summarise (assets, wa_ward_get_index (ward), stats);
  json_builder_set_member_name (b, "assets");
  json_builder_begin_array (b);
  for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    wa_json_add_asset_stat (b, NULL, assets, &stats[c]);
  json_builder_end_array (b);

  neighbours = wa_ward_get_neighbours (ward, &n);
  json_builder_set_member_name (b, "neighbours");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    add_neighbour (b, wa_atlas_get_ward (atlas, neighbours[i]));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "comparison");
  json_builder_begin_object (b);
  add_summary (b, "lad", wa_ward_get_lad_code (ward), lad);
  add_summary (b, "region", wa_ward_get_region_code (ward), region);
  add_summary (b, "england", NULL, england);
  json_builder_end_object (b);

  wa_json_add_strv (b, "attribution", (const char *const *) attributions);
  json_builder_end_object (b);
  return wa_json_to_bytes (b);
}
