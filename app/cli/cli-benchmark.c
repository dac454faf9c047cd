/* cli-benchmark.c: `ward-atlas-cli benchmark`, the APPG's three-way
 * benchmark of the categories whose data covers all of England. */
#include <inttypes.h>
#include "wa-cli.h"
#include "ward-atlas-core.h"
#include "wa-json.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>


/* Rates with two decimals as in the APPG's figures ("1.1 per 100,000"
 * needs one; two keep rare assets apart); NULL for no rate. */
static char *
rate_text (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return isnan (value) ? NULL : g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.2f", value));
}

static char *
share_text (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return isnan (value) ? NULL : g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.4f", value));
}

static void
print_table (WaAtlas *atlas, GArray *rows)
{
  g_autofree char *method = wa_rank_params_describe (wa_atlas_get_rank_params (atlas));

  printf ("%s\n%s %s\n%s\n\n", wa_edition_describe (wa_atlas_get_edition (atlas)), _("Method:"), method,
          wa_asset_benchmark_definition ());
  printf ("%-24s %12s %12s %12s %12s  %s\n", _("Category"), _("Left behind"), _("Other depr."),
          _("Other wards"), _("England"), _("Left-behind wards below England"));
  for (guint i = 0; i < rows->len; i++)
    {
      const WaBenchmarkRow *r = &g_array_index (rows, WaBenchmarkRow, i);
      g_autofree char *lb = rate_text (r->groups[WA_BENCHMARK_LEFT_BEHIND].rate);
      g_autofree char *od = rate_text (r->groups[WA_BENCHMARK_OTHER_DEPRIVED].rate);
      g_autofree char *rest = rate_text (r->groups[WA_BENCHMARK_REST].rate);
      g_autofree char *england = rate_text (r->england.rate);
      g_autofree char *percent = wa_format_percent (round (100 * r->share_left_behind_below));
      g_autofree char *share = isnan (r->share_left_behind_below) ? g_strdup ("-")
        : g_strdup_printf (_("%s (%u of %u)"), percent,
                           r->n_left_behind_below, r->groups[WA_BENCHMARK_LEFT_BEHIND].n_wards);

      printf ("%-24s %12s %12s %12s %12s  %s\n", wa_asset_category_name (r->category),
              lb ?: "-", od ?: "-", rest ?: "-", england ?: "-", share);
    }
  if (rows->len > 0)
    {
      const WaBenchmarkRow *r = &g_array_index (rows, WaBenchmarkRow, 0);
      g_autofree char *lb = wa_format_count (r->groups[WA_BENCHMARK_LEFT_BEHIND].n_wards);
      g_autofree char *od = wa_format_count (r->groups[WA_BENCHMARK_OTHER_DEPRIVED].n_wards);
      g_autofree char *rest = wa_format_count (r->groups[WA_BENCHMARK_REST].n_wards);
      g_autofree char *residents = wa_format_count (r->england.residents);

      printf (_("\nRates per 100,000 residents. Wards: %s left behind, %s other deprived, %s other "
                "(%s residents in all).\n"), lb, od, rest, residents);
    }
}

static void
print_csv (GArray *rows)
{
  static const char *const header[] = {
    "category", "group", "wards", "residents", "count", "rate_per_100000",
    "left_behind_below_england", "share_left_behind_below_england",
  };
  static const char *const group_ids[] = { "left_behind", "other_deprived", "other", "england" };
  g_autoptr(GString) out = g_string_new (NULL);

  wa_csv_append_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < rows->len; i++)
    {
      const WaBenchmarkRow *r = &g_array_index (rows, WaBenchmarkRow, i);

      for (guint g = 0; g <= WA_N_BENCHMARK_GROUPS; g++)
        {
          const WaBenchmarkFigures *f = g < WA_N_BENCHMARK_GROUPS ? &r->groups[g] : &r->england;
          gboolean lb = g == WA_BENCHMARK_LEFT_BEHIND;
          g_autofree char *wards = g_strdup_printf ("%u", f->n_wards);
          g_autofree char *residents = g_strdup_printf ("%" PRId64, f->residents);
          g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, f->count);
          g_autofree char *rate = rate_text (f->rate);
          g_autofree char *below = lb ? g_strdup_printf ("%u", r->n_left_behind_below) : NULL;
          g_autofree char *share = lb ? share_text (r->share_left_behind_below) : NULL;
          const char *row[] = { wa_asset_category_id (r->category), group_ids[g], wards, residents,
                                count, rate, below, share };

          G_STATIC_ASSERT (G_N_ELEMENTS (row) == G_N_ELEMENTS (header));
          wa_csv_append_row (out, row, G_N_ELEMENTS (row));
        }
    }
  fputs (out->str, stdout);
}

static void
add_figures (JsonBuilder *b, const char *key, const WaBenchmarkFigures *f)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_object (b);
  wa_json_add_int (b, "wards", f->n_wards);
  wa_json_add_int (b, "residents", f->residents);
  wa_json_add_int (b, "count", (gint64) f->count);
  wa_json_add_number (b, "rate_per_100000", f->rate, "%.2f");
  json_builder_end_object (b);
}

static void
print_json (WaAtlas *atlas, GArray *rows)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  wa_json_add_string (b, "edition", wa_edition_to_string (wa_atlas_get_edition (atlas)));
  wa_json_add_string (b, "method", wa_rank_method_to_id (wa_atlas_get_rank_params (atlas)->method));
  wa_json_add_string (b, "definition", wa_asset_benchmark_definition ());
  json_builder_set_member_name (b, "categories");
  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    {
      const WaBenchmarkRow *r = &g_array_index (rows, WaBenchmarkRow, i);

      json_builder_begin_object (b);
      wa_json_add_string (b, "category", wa_asset_category_id (r->category));
      add_figures (b, "left_behind", &r->groups[WA_BENCHMARK_LEFT_BEHIND]);
      add_figures (b, "other_deprived", &r->groups[WA_BENCHMARK_OTHER_DEPRIVED]);
      add_figures (b, "other", &r->groups[WA_BENCHMARK_REST]);
      add_figures (b, "england", &r->england);
      wa_json_add_int (b, "left_behind_below_england", r->n_left_behind_below);
      wa_json_add_number (b, "share_left_behind_below_england", r->share_left_behind_below, "%.4f");
      wa_json_add_int (b, "wards_without_population", r->n_wards_no_population);
      wa_json_add_int (b, "count_without_population", (gint64) r->count_no_population);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  text = wa_json_to_string (b);
  fputs (text, stdout);
}

int
wa_cli_benchmark (int argc, char **argv)
{
  g_autofree char *format_text = NULL, *method = NULL, *threshold = NULL;
  GOptionEntry entries[] = {
    { "method", 'm', 0, G_OPTION_ARG_STRING, &method, N_("Combined rank method (see rank --help)"), "M" },
    { "threshold", 't', 0, G_OPTION_ARG_STRING, &threshold, N_("Left-behind threshold in percent, above 0 and at most 100"), "N" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, N_("table, csv or json"), "FORMAT" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(WaAtlas) atlas = NULL;
  g_autoptr(GArray) rows = NULL;
  WaCliFormat format = WA_CLI_FORMAT_TABLE;

  if (!wa_cli_parse_options ("benchmark", "PACK",
                             _("The APPG's three-way benchmark: places per 100,000 residents in "
                               "left-behind wards, other deprived wards and England, for every "
                               "category whose data covers all of England."),
                             entries, &argc, &argv, 1))
    return 2;
  if (!wa_cli_parse_format ("benchmark", format_text, &format))
    return 2;
  if ((atlas = wa_cli_open_atlas (argv[1])) == NULL)
    return 1;
  if (!wa_cli_apply_rank_options (atlas, method, threshold, NULL))
    return 2;
  rows = wa_asset_benchmark_dup_rows (atlas);
  if (format == WA_CLI_FORMAT_CSV)
    print_csv (rows);
  else if (format == WA_CLI_FORMAT_JSON)
    print_json (atlas, rows);
  else
    print_table (atlas, rows);
  return 0;
}
