/* wa-custom-area-export.c: a custom area's figures as CSV rows and JSON
 * objects (wa-custom-area-export.h), moved here from the CLI so that
 * `ward-atlas-cli area` and the app write the same columns. */
#include <math.h>

#include "wa-csv.h"
#include "wa-custom-area-export.h"
#include "wa-format.h"
#include "wa-json.h"
#include "wa-rank-method.h"

static char *
plain_number (double value, const char *format)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, value));
}

static char *
plain_count (guint value)
{
  return g_strdup_printf ("%u", value);
}

static gint64
rounded_population (const WaCustomAreaFigures *f)
{
  return (gint64) llround (f->population);
}

/* ---- provenance, as the ward profile writes it -------------------------- */

static const char *const provenance_columns[] = {
  "edition", "vintages", "method", "method_description", "attribution",
};

static void
add_provenance (GPtrArray *row, WaAtlas *atlas)
{
  const WaRankParams *params = wa_atlas_get_rank_params (atlas);
  g_auto(GStrv) attributions = wa_atlas_dup_attributions (atlas);
  const char *vintages = wa_atlas_get_metadata (atlas, "vintages");

  g_ptr_array_add (row, g_strdup (wa_edition_to_string (wa_atlas_get_edition (atlas))));
  g_ptr_array_add (row, g_strdup (vintages != NULL ? vintages : ""));
  g_ptr_array_add (row, g_strdup (wa_rank_method_to_id (params->method)));
  g_ptr_array_add (row, wa_rank_params_describe (params));
  g_ptr_array_add (row, wa_format_attribution_line ((const char *const *) attributions));
}

/* ---- CSV -------------------------------------------------------------- */

void
wa_custom_area_csv_append_header (GString *out, gboolean with_provenance)
{
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (header, g_strdup ("name"));
  g_ptr_array_add (header, g_strdup ("kind"));
  g_ptr_array_add (header, g_strdup ("population"));
  g_ptr_array_add (header, g_strdup ("lsoas_whole"));
  g_ptr_array_add (header, g_strdup ("lsoas_split"));
  g_ptr_array_add (header, g_strdup ("wards_touched"));
  g_ptr_array_add (header, g_strdup ("repaired"));
  for (WaIndicator k = 0; k < WA_N_INDICATORS; k++)
    {
      g_ptr_array_add (header, g_strconcat (wa_indicator_id (k), "_score", NULL));
      g_ptr_array_add (header, g_strconcat (wa_indicator_id (k), "_would_rank", NULL));
      g_ptr_array_add (header, g_strconcat (wa_indicator_id (k), "_wards_ranked", NULL));
    }
  g_ptr_array_add (header, g_strdup ("share_imd_decile1"));
  g_ptr_array_add (header, g_strdup ("share_cni_top10"));
  for (WaLsoaFlag flag = 0; flag < WA_N_LSOA_FLAGS; flag++)
    g_ptr_array_add (header, g_strconcat ("share_left_behind_", wa_lsoa_flag_id (flag), NULL));
  for (WaAssetCategory c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    {
      g_ptr_array_add (header, g_strconcat (wa_asset_category_id (c), "_count", NULL));
      g_ptr_array_add (header, g_strconcat (wa_asset_category_id (c), "_per_1000", NULL));
      g_ptr_array_add (header, g_strconcat (wa_asset_category_id (c), "_england_per_1000", NULL));
    }
  if (with_provenance)
    for (guint i = 0; i < G_N_ELEMENTS (provenance_columns); i++)
      g_ptr_array_add (header, g_strdup (provenance_columns[i]));
  wa_csv_append_row (out, (const char *const *) header->pdata, header->len);
}

void
wa_custom_area_csv_append_row (GString *out, WaAtlas *atlas, WaCustomArea *area,
                               const WaCustomAreaFigures *f, gboolean with_provenance)
{
  g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (row, g_strdup (wa_custom_area_get_name (area)));
  g_ptr_array_add (row, g_strdup (wa_custom_area_kind_id (wa_custom_area_get_kind (area))));
  g_ptr_array_add (row, g_strdup_printf ("%" G_GINT64_FORMAT, rounded_population (f)));
  g_ptr_array_add (row, plain_count (f->n_lsoas_whole));
  g_ptr_array_add (row, plain_count (f->n_lsoas_split));
  g_ptr_array_add (row, plain_count (f->wards->len));
  g_ptr_array_add (row, g_strdup (wa_custom_area_get_repaired (area) ? "1" : "0"));
  for (WaIndicator k = 0; k < WA_N_INDICATORS; k++)
    {
      g_ptr_array_add (row, plain_number (f->score[k], "%.3f"));
      g_ptr_array_add (row, f->would_rank[k] > 0 ? plain_count (f->would_rank[k]) : g_strdup (""));
      g_ptr_array_add (row, f->n_ranked[k] > 0 ? plain_count (f->n_ranked[k]) : g_strdup (""));
    }
  g_ptr_array_add (row, plain_number (f->share_imd_decile1, "%.4f"));
  g_ptr_array_add (row, plain_number (f->share_cni_top10, "%.4f"));
  for (WaLsoaFlag flag = 0; flag < WA_N_LSOA_FLAGS; flag++)
    g_ptr_array_add (row, plain_number (f->share_flagged[flag], "%.4f"));
  for (WaAssetCategory c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    {
      const WaCustomAreaAssetFigures *a = &f->assets[c];

      g_ptr_array_add (row, a->covered ? plain_count (a->count) : g_strdup (""));
      g_ptr_array_add (row, plain_number (a->rate, "%.4f"));
      g_ptr_array_add (row, plain_number (a->england_rate, "%.4f"));
    }
  if (with_provenance)
    add_provenance (row, atlas);
  wa_csv_append_row (out, (const char *const *) row->pdata, row->len);
}

/* ---- JSON ------------------------------------------------------------- */

void
wa_custom_area_json_add (JsonBuilder *b, WaAtlas *atlas, WaCustomArea *area,
                         const WaCustomAreaFigures *f)
{
  WaLsoas *lsoas = wa_atlas_get_lsoas (atlas);

  json_builder_begin_object (b);
  wa_json_add_string (b, "name", wa_custom_area_get_name (area));
  wa_json_add_string (b, "kind", wa_custom_area_kind_id (wa_custom_area_get_kind (area)));
  wa_json_add_bool (b, "repaired", wa_custom_area_get_repaired (area));
  wa_json_add_string (b, "note", wa_custom_area_get_note (area));
  wa_json_add_int (b, "population", rounded_population (f));
  wa_json_add_int (b, "lsoas_whole", f->n_lsoas_whole);
  wa_json_add_int (b, "lsoas_split", f->n_lsoas_split);
  json_builder_set_member_name (b, "indicators");
  json_builder_begin_object (b);
  for (WaIndicator k = 0; k < WA_N_INDICATORS; k++)
    {
      json_builder_set_member_name (b, wa_indicator_id (k));
      json_builder_begin_object (b);
      wa_json_add_number (b, "score", f->score[k], "%.3f");
      wa_json_add_count (b, "would_rank", f->would_rank[k]);
      wa_json_add_count (b, "wards_ranked", f->n_ranked[k]);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  wa_json_add_number (b, "share_imd_decile1", f->share_imd_decile1, "%.4f");
  wa_json_add_number (b, "share_cni_top10", f->share_cni_top10, "%.4f");
  json_builder_set_member_name (b, "share_left_behind");
  json_builder_begin_object (b);
  for (WaLsoaFlag flag = 0; flag < WA_N_LSOA_FLAGS; flag++)
    wa_json_add_number (b, wa_lsoa_flag_id (flag), f->share_flagged[flag], "%.4f");
  json_builder_end_object (b);
  json_builder_set_member_name (b, "wards");
  json_builder_begin_array (b);
  for (guint w = 0; w < f->wards->len; w++)
    wa_json_add_string (b, NULL, wa_ward_get_code (g_ptr_array_index (f->wards, w)));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "lsoas");
  json_builder_begin_array (b);
  for (guint i = 0; i < f->lsoas->len; i++)
    {
      const WaCustomAreaLsoa *m = &g_array_index (f->lsoas, WaCustomAreaLsoa, i);

      json_builder_begin_object (b);
      wa_json_add_string (b, "code", wa_lsoas_get (lsoas, m->lsoa_index)->code);
      wa_json_add_number (b, "share", m->share, "%.4f");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "assets");
  json_builder_begin_array (b);
  for (WaAssetCategory c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    {
      const WaCustomAreaAssetFigures *a = &f->assets[c];

      json_builder_begin_object (b);
      wa_json_add_string (b, "category", wa_asset_category_id (c));
      wa_json_add_bool (b, "covered", a->covered);
      wa_json_add_int (b, "count", a->count);
      wa_json_add_number (b, "rate_per_1000", a->rate, "%.4f");
      wa_json_add_number (b, "england_rate_per_1000", a->england_rate, "%.4f");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* ---- one area's file ------------------------------------------------- */

GBytes *
wa_custom_area_figures_to_csv (WaAtlas *atlas, WaCustomArea *area,
                               const WaCustomAreaFigures *figures)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (WA_IS_ATLAS (atlas) && WA_IS_CUSTOM_AREA (area) && figures != NULL, NULL);

  wa_custom_area_csv_append_header (out, TRUE);
  wa_custom_area_csv_append_row (out, atlas, area, figures, TRUE);
  return g_string_free_to_bytes (out);
}

GBytes *
wa_custom_area_figures_to_json (WaAtlas *atlas, WaCustomArea *area,
                                const WaCustomAreaFigures *figures)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const WaRankParams *params = wa_atlas_get_rank_params (atlas);
  g_autofree char *method = NULL;
  g_auto(GStrv) attributions = NULL;

  g_return_val_if_fail (WA_IS_ATLAS (atlas) && WA_IS_CUSTOM_AREA (area) && figures != NULL, NULL);

  method = wa_rank_params_describe (params);
  attributions = wa_atlas_dup_attributions (atlas);
  json_builder_begin_object (b);
  wa_json_add_string (b, "edition", wa_edition_to_string (wa_atlas_get_edition (atlas)));
  wa_json_add_string (b, "vintages", wa_atlas_get_metadata (atlas, "vintages"));
  json_builder_set_member_name (b, "method");
  json_builder_begin_object (b);
  wa_json_add_string (b, "id", wa_rank_method_to_id (params->method));
  wa_json_add_string (b, "description", method);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "areas");
  json_builder_begin_array (b);
  wa_custom_area_json_add (b, atlas, area, figures);
  json_builder_end_array (b);
  wa_json_add_strv (b, "attribution", (const char *const *) attributions);
  json_builder_end_object (b);
  return wa_json_to_bytes (b);
}
