/* cli-assets.c: `ward-atlas-cli assets`, a ward's social-infrastructure
 * figures, and the asset datasets section of `info` from a whole atlas
 * (wa_cli_print_datasets, the section itself, is in cli-lookup.c). */
#include "wa-cli.h"
#include "ward-atlas-core.h"
#include "wa-json.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>


void
wa_cli_print_asset_datasets (WaAtlas *atlas)
{
  wa_cli_print_datasets (wa_assets_get_datasets (wa_atlas_get_assets (atlas)));
}

static char *
number (double value)
{
  return isnan (value) ? g_strdup ("-") : wa_format_score (value, 2);
}

static void
print_table (WaAtlas *atlas, WaWard *ward, const WaAssetStat *stats)
{
  WaAssets *assets = wa_atlas_get_assets (atlas);
  const guint *list;
  guint n;

  printf ("%s %s (%s), %s\n", wa_ward_get_code (ward), wa_ward_get_name (ward),
          wa_ward_get_lad_name (ward) != NULL ? wa_ward_get_lad_name (ward) : "-",
          wa_edition_describe (wa_atlas_get_edition (atlas)));
  printf (_("Rates are per 1,000 residents; England, left-behind and similar are medians of the rate\n"
            "over the wards each category's data covers. Similar wards: %s.\n"), wa_assets_similar_definition ());
  for (int d = 0; d < WA_N_ASSET_DOMAINS; d++)
    {
      printf ("\n%s\n", wa_asset_domain_name (d));
      printf ("  %-28s %6s %9s %9s %12s %9s  %s\n", _("Category"), _("Count"), _("Rate"),
              _("England"), _("Left behind"), _("Similar"), _("Coverage"));
      for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
        {
          const WaAssetStat *s = &stats[c];
          const char *coverage = wa_assets_get_coverage_name (assets, c);
          g_autofree char *rate = number (s->rate), *england = number (s->england_median);
          g_autofree char *lb = number (s->left_behind_median), *similar = number (s->similar_median);

          if (wa_asset_category_domain (c) != (WaAssetDomain) d)
            continue;
          if (!s->covered && wa_ward_get_geometry (ward) == NULL)
            printf (_("  %-28s not covered (the pack has no boundary for this ward)\n"), wa_asset_category_name (c));
          else if (!s->covered && coverage != NULL)
            printf (_("  %-28s not covered (data covers %s only)\n"), wa_asset_category_name (c), coverage);
          else if (!s->covered)
            printf (_("  %-28s not covered (no data)\n"), wa_asset_category_name (c));
          else
            printf ("  %-28s %6u %9s %9s %12s %9s  %s\n", wa_asset_category_name (c), s->count,
                    rate, england, lb, similar, coverage);
        }
    }
  list = wa_assets_get_ward_assets (assets, wa_ward_get_index (ward), &n);
  printf (_("\nAssets in the ward (%u):\n"), n);
  for (guint i = 0; i < n; i++)
    {
      const WaAsset *a = wa_assets_get_asset (assets, list[i]);

      printf ("  %-40s %-28s %s\n", a->name != NULL ? a->name : _("(unnamed)"),
              wa_asset_category_name (a->category), a->postcode != NULL ? a->postcode : "-");
    }
}

/* Asset rates and medians with four decimals, as in the JSON. */
static char *
csv_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return isnan (value) ? NULL : g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.4f", value));
}

static void
print_csv (WaAtlas *atlas, WaWard *ward, const WaAssetStat *stats)
{
  static const char *const header[] = {
    "ward_code", "domain", "category", "covered", "count", "rate_per_1000",
    "england_median", "left_behind_median", "similar_median", "coverage",
  };
  g_autoptr(GString) out = g_string_new (NULL);
  WaAssets *assets = wa_atlas_get_assets (atlas);

  wa_csv_append_row (out, header, G_N_ELEMENTS (header));
  for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    {
      const WaAssetStat *s = &stats[c];
      g_autofree char *count = s->covered ? g_strdup_printf ("%u", s->count) : NULL;
      g_autofree char *rate = csv_number (s->rate), *england = csv_number (s->england_median);
      g_autofree char *lb = csv_number (s->left_behind_median);
      g_autofree char *similar = csv_number (s->similar_median);
      const char *row[] = {
        wa_ward_get_code (ward), wa_asset_domain_id (wa_asset_category_domain (c)),
        wa_asset_category_id (c), s->covered ? "true" : "false", count, rate, england, lb,
        similar, wa_assets_get_coverage_name (assets, c),
      };

      G_STATIC_ASSERT (G_N_ELEMENTS (row) == G_N_ELEMENTS (header));
      wa_csv_append_row (out, row, G_N_ELEMENTS (row));
    }
  fputs (out->str, stdout);
}

static void
print_json (WaAtlas *atlas, WaWard *ward, const WaAssetStat *stats)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *text = NULL;
  WaAssets *assets = wa_atlas_get_assets (atlas);
  const guint *list;
  guint n;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ward");
  json_builder_begin_object (b);
  wa_json_add_string (b, "code", wa_ward_get_code (ward));
  wa_json_add_string (b, "name", wa_ward_get_name (ward));
  wa_json_add_int (b, "population", wa_ward_get_population (ward));
  json_builder_end_object (b);
  wa_json_add_string (b, "edition", wa_edition_to_string (wa_atlas_get_edition (atlas)));
  wa_json_add_string (b, "similar_wards", wa_assets_similar_definition ());
  json_builder_set_member_name (b, "categories");
  json_builder_begin_array (b);
  for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    wa_json_add_asset_stat (b, NULL, assets, &stats[c]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "assets");
  json_builder_begin_array (b);
  list = wa_assets_get_ward_assets (assets, wa_ward_get_index (ward), &n);
  for (guint i = 0; i < n; i++)
    {
      const WaAsset *a = wa_assets_get_asset (assets, list[i]);

      json_builder_begin_object (b);
      wa_json_add_string (b, "name", a->name);
      wa_json_add_string (b, "category", wa_asset_category_id (a->category));
      wa_json_add_string (b, "address", a->address);
      wa_json_add_string (b, "postcode", a->postcode);
      wa_json_add_string (b, "source", a->source_id);
      wa_json_add_number (b, "lon", a->lon, "%.4f");
      wa_json_add_number (b, "lat", a->lat, "%.4f");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  text = wa_json_to_string (b);
  fputs (text, stdout);
}

int
wa_cli_assets (int argc, char **argv)
{
  g_autofree char *format_text = NULL;
  g_autofree char *list = NULL, *postcode_column = NULL, *lon_column = NULL, *lat_column = NULL;
  g_autofree char *easting_column = NULL, *northing_column = NULL, *name_column = NULL;
  g_autofree char *ward_code = NULL, *method = NULL;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, N_("table (or text), csv or json"), "FORMAT" },
    { "list", 0, 0, G_OPTION_ARG_FILENAME, &list,
      N_("your own list of places (CSV, XLSX, GeoJSON or GeoPackage): counts per ward"), "FILE" },
    { "postcode-column", 0, 0, G_OPTION_ARG_STRING, &postcode_column, N_("--list: the postcode column (name or number)"), "COLUMN" },
    { "lon-column", 0, 0, G_OPTION_ARG_STRING, &lon_column, N_("--list: the longitude column"), "COLUMN" },
    { "lat-column", 0, 0, G_OPTION_ARG_STRING, &lat_column, N_("--list: the latitude column"), "COLUMN" },
    { "easting-column", 0, 0, G_OPTION_ARG_STRING, &easting_column, N_("--list: the easting column (British National Grid)"), "COLUMN" },
    { "northing-column", 0, 0, G_OPTION_ARG_STRING, &northing_column, N_("--list: the northing column"), "COLUMN" },
    { "name-column", 0, 0, G_OPTION_ARG_STRING, &name_column, N_("--list: the column naming each place"), "COLUMN" },
    { "ward", 0, 0, G_OPTION_ARG_STRING, &ward_code, N_("--list: one ward's full comparison"), "CODE" },
    { "method", 0, 0, G_OPTION_ARG_STRING, &method, N_("--list: rank method for the left-behind figures"), "METHOD" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PACK CODE | PACK --list FILE"));
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  WaAssetStat stats[WA_N_ASSET_CATEGORIES];
  WaCliFormat format = WA_CLI_FORMAT_TABLE;
  WaWard *ward;

  g_set_prgname ("ward-atlas-cli assets");
  g_option_context_set_summary (context, _("A ward's social-infrastructure assets: counts, rates per "
                                           "1,000 residents and comparisons."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != (list != NULL ? 2 : 3))
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("ward-atlas-cli assets: %s\n\n%s", error != NULL ? error->message
                  : list != NULL ? _("expected PACK --list FILE") : _("expected PACK CODE"), help);
      return 2;
    }
  /* "text" is what the table format is called in the --list usage. */
  if (!wa_cli_parse_format ("assets", g_strcmp0 (format_text, "text") == 0 ? "table" : format_text,
                            &format))
    return 2;
  if (list != NULL)
    {
      WaCliListOptions options = { list, postcode_column, lon_column, lat_column, easting_column,
                                   northing_column, name_column, ward_code, method };

      return wa_cli_assets_list (argv[1], &options, format);
    }
  if (postcode_column != NULL || lon_column != NULL || lat_column != NULL || easting_column != NULL
      || northing_column != NULL || name_column != NULL || ward_code != NULL || method != NULL)
    {
      g_printerr (_("ward-atlas-cli assets: the column, --ward and --method options need --list FILE\n"));
      return 2;
    }
  atlas = wa_atlas_open (argv[1], &error);
  if (atlas == NULL)
    {
      g_printerr ("ward-atlas-cli: %s\n", error->message);
      return 1;
    }
  ward = wa_atlas_lookup_ward (atlas, argv[2]);
  if (ward == NULL)
    {
      g_printerr (_("ward-atlas-cli assets: %s: no ward with code “%s”\n"), argv[1], argv[2]);
      return 1;
    }
  wa_assets_summarise (wa_atlas_get_assets (atlas), wa_ward_get_index (ward), stats);
  if (format == WA_CLI_FORMAT_CSV)
    print_csv (atlas, ward, stats);
  else if (format == WA_CLI_FORMAT_JSON)
    print_json (atlas, ward, stats);
  else
    print_table (atlas, ward, stats);
  return 0;
}
