/* wa-json.c: small helpers over JsonBuilder and JsonGenerator; see the
 * header for the conventions they keep. */
#include <math.h>
#include <string.h>

#include "wa-json.h"

/* The format of every asset rate and median, in JSON and CSV alike. */
#define ASSET_RATE_FORMAT "%.4f"

static void
set_key (JsonBuilder *builder, const char *key)
{
  if (key != NULL)
    json_builder_set_member_name (builder, key);
}

void
wa_json_add_string (JsonBuilder *builder, const char *key, const char *value)
{
  set_key (builder, key);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
wa_json_add_int (JsonBuilder *builder, const char *key, gint64 value)
{
  set_key (builder, key);
  json_builder_add_int_value (builder, value);
}

void
wa_json_add_count (JsonBuilder *builder, const char *key, guint value)
{
  set_key (builder, key);
  if (value > 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
wa_json_add_known (JsonBuilder *builder, const char *key, gint64 value)
{
  set_key (builder, key);
  if (value >= 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
wa_json_add_bool (JsonBuilder *builder, const char *key, gboolean value)
{
  set_key (builder, key);
  json_builder_add_boolean_value (builder, value);
}

void
wa_json_add_null (JsonBuilder *builder, const char *key)
{
  set_key (builder, key);
  json_builder_add_null_value (builder);
}

void
wa_json_add_strv (JsonBuilder *builder, const char *key, const char *const *values)
{
  set_key (builder, key);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

void
wa_json_add_number (JsonBuilder *builder, const char *key, double value,
                    const char *printf_format)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  set_key (builder, key);
  if (!isfinite (value))
    {
      json_builder_add_null_value (builder);
      return;
    }
  /* Round through the printed form: the JSON holds the number the other
   * formats show, not more digits than the data carry. */
  g_ascii_formatd (buffer, sizeof buffer, printf_format, value);
  json_builder_add_double_value (builder, g_ascii_strtod (buffer, NULL));
}

void
wa_json_add_asset_stat (JsonBuilder *builder, const char *key, WaAssets *assets,
                        const WaAssetStat *stat)
{
  set_key (builder, key);
  json_builder_begin_object (builder);
  wa_json_add_string (builder, "category", wa_asset_category_id (stat->category));
  wa_json_add_string (builder, "domain",
                      wa_asset_domain_id (wa_asset_category_domain (stat->category)));
  wa_json_add_bool (builder, "covered", stat->covered);
  /* Not covered is not zero: count and rate are null then. */
  if (stat->covered)
    wa_json_add_int (builder, "count", stat->count);
  else
    wa_json_add_null (builder, "count");
  wa_json_add_number (builder, "rate_per_1000", stat->covered ? stat->rate : NAN,
                      ASSET_RATE_FORMAT);
  wa_json_add_number (builder, "england_median", stat->england_median, ASSET_RATE_FORMAT);
  wa_json_add_number (builder, "left_behind_median", stat->left_behind_median,
                      ASSET_RATE_FORMAT);
  wa_json_add_number (builder, "similar_median", stat->similar_median, ASSET_RATE_FORMAT);
  wa_json_add_int (builder, "n_similar", stat->n_similar);
  wa_json_add_string (builder, "coverage", wa_assets_get_coverage_name (assets, stat->category));
  json_builder_end_object (builder);
}

char *
wa_json_to_string (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  return g_strconcat (text, "\n", NULL);
}

GBytes *
wa_json_to_bytes (JsonBuilder *builder)
{
  char *text = wa_json_to_string (builder);

  return g_bytes_new_take (text, strlen (text));
}
