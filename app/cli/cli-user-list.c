/* cli-user-list.c: `ward-atlas-cli assets PACK --list FILE ...`, the
 * per-ward counts of the user's own list of places (wa-user-list.h), the
 * same figures the app's list category shows. The import report goes to
 * standard error, the figures to standard output. */
#include "wa-cli.h"
#include "ward-atlas-core.h"
#include "wa-json.h"
#include "wa-user-list.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* A column by header name (any case) or by number from 1; -1 after
 * printing the error. */
static int
find_column (WaUserTable *table, const char *option, const char *text)
{
  guint n = wa_user_table_get_n_columns (table);
  guint64 number;
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint c = 0; c < n; c++)
    if (g_ascii_strcasecmp (wa_user_table_get_column (table, c), text) == 0)
      return (int) c;
  if (g_ascii_string_to_unsigned (text, 10, 1, n, &number, NULL))
    return (int) number - 1;
  for (guint c = 0; c < n; c++)
    g_string_append_printf (names, "%s“%s”", c > 0 ? ", " : "", wa_user_table_get_column (table, c));
  g_printerr (_("ward-atlas-cli assets: %s: no column “%s” for %s; the columns are %s\n"),
              wa_user_table_get_path (table), text, option, names->str);
  return -1;
}

static void
print_report (WaUserTable *table, WaUserList *list)
{
  const WaUserListReport *r = wa_user_list_get_report (list);
  guint n_listed = 0;

  g_printerr (_("%s (%s): %u rows: %u located, %u postcodes not found, %u outside England’s "
                "wards, %u without a postcode or position\n"),
              wa_user_table_get_path (table), wa_user_table_describe (table), r->n_rows,
              r->n_located, r->n_not_found, r->n_outside, r->n_no_position);
  for (char **p = r->not_found; p != NULL && *p != NULL; p++, n_listed++)
    if (n_listed < 20)
      g_printerr (_("  not found: %s\n"), *p);
  if (n_listed > 20)
    g_printerr (_("  … and %u more\n"), n_listed - 20);
}

static char *
text_number (double value, int decimals)
{
  return isnan (value) ? g_strdup ("-") : wa_format_score (value, decimals);
}

static char *
csv_number (double value, const char *format)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return isnan (value) ? NULL : g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, value));
}

/* Wards with at least one place, most places first. */
static GArray *
wards_with_places (WaAtlas *atlas, WaUserList *list)
{
  GArray *wards = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint w = 0; w < wa_atlas_get_n_wards (atlas); w++)
    if (wa_user_list_get_count (list, w) > 0)
      g_array_append_val (wards, w);
  return wards;
}

static int
compare_counts (gconstpointer a, gconstpointer b, gpointer user_data)
{
  WaUserList *list = user_data;
  guint x = *(const guint *) a, y = *(const guint *) b;
  guint cx = wa_user_list_get_count (list, x), cy = wa_user_list_get_count (list, y);

  if (cx != cy)
    return cx > cy ? -1 : 1;
  return x < y ? -1 : (x > y);
}

static void
print_counts (WaAtlas *atlas, WaUserList *list, WaCliFormat format)
{
  g_autoptr(GArray) wards = wards_with_places (atlas, list);
  double england = NAN;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(JsonBuilder) b = NULL;

  g_array_sort_with_data (wards, compare_counts, list);
  if (wards->len > 0)
    {
      WaAssetStat stat;

      wa_user_list_summarise (list, atlas, g_array_index (wards, guint, 0), &stat);
      england = stat.england_rate;
    }
  if (format == WA_CLI_FORMAT_CSV)
    {
      static const char *const header[] = {
        "ward_code", "ward_name", "council", "count", "rate_per_1000", "england_rate_per_1000",
      };

      wa_csv_append_row (out, header, G_N_ELEMENTS (header));
    }
  else if (format == WA_CLI_FORMAT_JSON)
    {
      b = json_builder_new ();
      json_builder_begin_object (b);
      wa_json_add_string (b, "list", wa_user_list_get_name (list));
      wa_json_add_string (b, "edition", wa_edition_to_string (wa_atlas_get_edition (atlas)));
      wa_json_add_int (b, "places", wa_user_list_get_n_places (list));
      wa_json_add_number (b, "england_rate_per_1000", england, "%.4f");
      json_builder_set_member_name (b, "wards");
      json_builder_begin_array (b);
    }
  else
    {
      g_autofree char *england_text = text_number (england, 2);

      printf (_("%s: %u places in %u wards (%s). Rates are per 1,000 residents; England: %s.\n\n"),
              wa_user_list_get_name (list), wa_user_list_get_n_places (list), wards->len,
              wa_edition_describe (wa_atlas_get_edition (atlas)), england_text);
      printf ("%-10s %-32s %-28s %6s %8s %8s\n", _("Ward"), _("Name"), _("Council"), _("Count"),
              _("Rate"), _("England"));
    }
  for (guint i = 0; i < wards->len; i++)
    {
      guint w = g_array_index (wards, guint, i);
      WaWard *ward = wa_atlas_get_ward (atlas, w);
      guint count = wa_user_list_get_count (list, w);
      double rate = wa_asset_rate (count, wa_ward_get_population (ward));
      const char *council = wa_ward_get_lad_name (ward);

      if (format == WA_CLI_FORMAT_CSV)
        {
          g_autofree char *count_text = g_strdup_printf ("%u", count);
          g_autofree char *rate_text = csv_number (rate, "%.4f");
          g_autofree char *england_text = csv_number (england, "%.4f");
          const char *row[] = { wa_ward_get_code (ward), wa_ward_get_name (ward), council,
                                count_text, rate_text, england_text };

          wa_csv_append_row (out, row, G_N_ELEMENTS (row));
        }
      else if (format == WA_CLI_FORMAT_JSON)
        {
          json_builder_begin_object (b);
          wa_json_add_string (b, "code", wa_ward_get_code (ward));
          wa_json_add_string (b, "name", wa_ward_get_name (ward));
          wa_json_add_string (b, "council", council);
          wa_json_add_int (b, "count", count);
          wa_json_add_number (b, "rate_per_1000", rate, "%.4f");
          json_builder_end_object (b);
        }
      else
        {
          g_autofree char *rate_text = text_number (rate, 2);
          g_autofree char *england_text = text_number (england, 2);

          printf ("%-10s %-32s %-28s %6u %8s %8s\n", wa_ward_get_code (ward),
                  wa_ward_get_name (ward), council != NULL ? council : "-", count, rate_text,
                  england_text);
        }
    }
  if (format == WA_CLI_FORMAT_JSON)
    {
      g_autofree char *text = NULL;

      json_builder_end_array (b);
      json_builder_end_object (b);
      text = wa_json_to_string (b);
      fputs (text, stdout);
    }
  else if (format == WA_CLI_FORMAT_CSV)
    fputs (out->str, stdout);
}

/* The benchmark's groups as "figure" rows for --ward: key, label, rate. */
static void
print_ward (WaAtlas *atlas, WaUserList *list, WaWard *ward, WaCliFormat format)
{
  guint w = wa_ward_get_index (ward);
  WaAssetStat s;
  WaBenchmarkRow bench;
  g_autoptr(GArray) similar = wa_assets_dup_similar_wards (wa_atlas_get_assets (atlas), w,
                                                           WA_N_ASSET_CATEGORIES);
  static const char *const group_keys[] = { "left_behind", "other_deprived", "other" };

  wa_user_list_summarise (list, atlas, w, &s);
  wa_user_list_benchmark (list, atlas, &bench);
  if (format == WA_CLI_FORMAT_CSV)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      static const char *const header[] = { "ward_code", "figure", "value" };
      struct { const char *key; double value; const char *format; } figures[] = {
        { "count", s.count, "%.0f" },
        { "rate_per_1000", s.rate, "%.4f" },
        { "england_rate_per_1000", s.england_rate, "%.4f" },
        { "england_median", s.england_median, "%.4f" },
        { "left_behind_median", s.left_behind_median, "%.4f" },
        { "similar_rate_per_1000", s.similar_rate, "%.4f" },
        { "similar_median", s.similar_median, "%.4f" },
        { "n_similar", s.n_similar, "%.0f" },
        { "england_mean_rate", s.mean_rate, "%.4f" },
        { "england_share_with_any", s.share_with_any, "%.4f" },
        { "benchmark_left_behind_per_100000", bench.groups[WA_BENCHMARK_LEFT_BEHIND].rate, "%.4f" },
        { "benchmark_other_deprived_per_100000", bench.groups[WA_BENCHMARK_OTHER_DEPRIVED].rate, "%.4f" },
        { "benchmark_other_per_100000", bench.groups[WA_BENCHMARK_REST].rate, "%.4f" },
        { "benchmark_england_per_100000", bench.england.rate, "%.4f" },
        { "benchmark_ward_per_100000", wa_asset_benchmark_rate (s.count, wa_ward_get_population (ward)), "%.4f" },
        { "benchmark_share_left_behind_below", bench.share_left_behind_below, "%.4f" },
      };

      wa_csv_append_row (out, header, G_N_ELEMENTS (header));
      for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
        {
          g_autofree char *value = csv_number (figures[i].value, figures[i].format);
          const char *row[] = { wa_ward_get_code (ward), figures[i].key, value };

          wa_csv_append_row (out, row, G_N_ELEMENTS (row));
        }
      fputs (out->str, stdout);
    }
  else if (format == WA_CLI_FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autofree char *text = NULL;
      const guint *places;
      guint n;

      json_builder_begin_object (b);
      wa_json_add_string (b, "list", wa_user_list_get_name (list));
      json_builder_set_member_name (b, "ward");
      json_builder_begin_object (b);
      wa_json_add_string (b, "code", wa_ward_get_code (ward));
      wa_json_add_string (b, "name", wa_ward_get_name (ward));
      wa_json_add_string (b, "council", wa_ward_get_lad_name (ward));
      wa_json_add_known (b, "population", wa_ward_get_population (ward));
      json_builder_end_object (b);
      wa_json_add_string (b, "edition", wa_edition_to_string (wa_atlas_get_edition (atlas)));
      wa_json_add_int (b, "count", s.count);
      wa_json_add_number (b, "rate_per_1000", s.rate, "%.4f");
      wa_json_add_number (b, "england_rate_per_1000", s.england_rate, "%.4f");
      wa_json_add_number (b, "england_median", s.england_median, "%.4f");
      wa_json_add_number (b, "left_behind_median", s.left_behind_median, "%.4f");
      wa_json_add_number (b, "similar_rate_per_1000", s.similar_rate, "%.4f");
      wa_json_add_number (b, "similar_median", s.similar_median, "%.4f");
      wa_json_add_int (b, "n_similar", s.n_similar);
      wa_json_add_string (b, "similar_wards_definition", wa_assets_similar_definition ());
      json_builder_set_member_name (b, "similar_wards");
      json_builder_begin_array (b);
      for (guint i = 0; i < similar->len; i++)
        wa_json_add_string (b, NULL, wa_ward_get_code (wa_atlas_get_ward (atlas, g_array_index (similar, guint, i))));
      json_builder_end_array (b);
      wa_json_add_number (b, "england_mean_rate", s.mean_rate, "%.4f");
      wa_json_add_number (b, "england_share_with_any", s.share_with_any, "%.4f");
      wa_json_add_bool (b, "rare", s.rare);
      json_builder_set_member_name (b, "benchmark");
      json_builder_begin_object (b);
      wa_json_add_string (b, "definition", wa_asset_benchmark_definition ());
      wa_json_add_number (b, "ward_per_100000",
                          wa_asset_benchmark_rate (s.count, wa_ward_get_population (ward)), "%.4f");
      for (int g = 0; g < WA_N_BENCHMARK_GROUPS; g++)
        {
          g_autofree char *key = g_strconcat (group_keys[g], "_per_100000", NULL);

          wa_json_add_number (b, key, bench.groups[g].rate, "%.4f");
        }
      wa_json_add_number (b, "england_per_100000", bench.england.rate, "%.4f");
      wa_json_add_number (b, "share_left_behind_below", bench.share_left_behind_below, "%.4f");
      json_builder_end_object (b);
      json_builder_set_member_name (b, "places");
      json_builder_begin_array (b);
      places = wa_user_list_get_ward_places (list, w, &n);
      for (guint i = 0; i < n; i++)
        {
          const WaUserPlace *p = wa_user_list_get_place (list, places[i]);

          json_builder_begin_object (b);
          wa_json_add_string (b, "name", p->name);
          wa_json_add_string (b, "postcode", p->postcode);
          wa_json_add_number (b, "lon", p->lon, "%.5f");
          wa_json_add_number (b, "lat", p->lat, "%.5f");
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      text = wa_json_to_string (b);
      fputs (text, stdout);
    }
  else
    {
      g_autofree char *rate = text_number (s.rate, 2), *england = text_number (s.england_rate, 2);
      g_autofree char *median = text_number (s.england_median, 2);
      g_autofree char *lb = text_number (s.left_behind_median, 2);
      g_autofree char *similar_rate = text_number (s.similar_rate, 2);
      g_autofree char *mean = text_number (s.mean_rate, 2);
      g_autofree char *share = isnan (s.share_with_any) ? g_strdup ("-")
                                                        : wa_format_percent (s.share_with_any * 100);
      g_autofree char *ward_bench = text_number (wa_asset_benchmark_rate (s.count, wa_ward_get_population (ward)), 1);
      const guint *places;
      guint n;

      printf ("%s %s (%s), %s\n", wa_ward_get_code (ward), wa_ward_get_name (ward),
              wa_ward_get_lad_name (ward) != NULL ? wa_ward_get_lad_name (ward) : "-",
              wa_edition_describe (wa_atlas_get_edition (atlas)));
      g_autofree char *similar_label = g_strdup_printf (_("Similar wards (%u)"), s.n_similar);

      printf (_("%s: %u in the ward\n"), wa_user_list_get_name (list), s.count);
      printf ("  %-42s %s\n", _("Rate per 1,000 residents"), rate);
      printf ("  %-42s %s\n", _("England (all places over all residents)"), england);
      printf ("  %-42s %s\n", _("Median ward in England"), median);
      printf ("  %-42s %s\n", _("Median left-behind ward"), lb);
      printf ("  %-42s %s\n", similar_label, similar_rate);
      printf ("  %-42s %s\n", _("Mean ward rate in England"), mean);
      printf ("  %-42s %s\n", _("Wards with at least one"), share);
      printf (_("  Similar wards: %s.\n"), wa_assets_similar_definition ());
      printf ("\n%s\n", _("Per 100,000 residents:"));
      printf ("  %-26s %s\n", _("This ward"), ward_bench);
      for (int g = 0; g < WA_N_BENCHMARK_GROUPS; g++)
        {
          g_autofree char *value = text_number (bench.groups[g].rate, 1);

          printf ("  %-26s %s\n", wa_asset_benchmark_group_name (g), value);
        }
      {
        g_autofree char *value = text_number (bench.england.rate, 1);
        g_autofree char *below = isnan (bench.share_left_behind_below) ? g_strdup ("-")
                                 : wa_format_percent (bench.share_left_behind_below * 100);

        printf ("  %-26s %s\n", _("England"), value);
        printf (_("  Left-behind wards below England’s rate: %s\n"), below);
      }
      places = wa_user_list_get_ward_places (list, w, &n);
      printf (_("\nPlaces in the ward (%u):\n"), n);
      for (guint i = 0; i < n; i++)
        {
          const WaUserPlace *p = wa_user_list_get_place (list, places[i]);

          printf ("  %-40s %s\n", p->name, p->postcode != NULL ? p->postcode : "-");
        }
    }
}

int
wa_cli_assets_list (const char *pack, const WaCliListOptions *options, WaCliFormat format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  g_autoptr(WaUserTable) table = NULL;
  g_autoptr(WaUserList) list = NULL;
  g_autofree char *name = NULL;
  WaUserListColumns columns = { .name_column = -1, .postcode_column = -1, .x_column = -1, .y_column = -1 };
  WaWard *ward = NULL;
  int n_ways = (options->postcode_column != NULL)
               + (options->lon_column != NULL || options->lat_column != NULL)
               + (options->easting_column != NULL || options->northing_column != NULL);

  if (n_ways != 1
      || (options->lon_column != NULL) != (options->lat_column != NULL)
      || (options->easting_column != NULL) != (options->northing_column != NULL))
    {
      g_printerr (_("ward-atlas-cli assets: --list needs one way to locate its rows: "
                    "--postcode-column, or --lon-column with --lat-column, or --easting-column "
                    "with --northing-column\n"));
      return 2;
    }
  table = wa_user_table_read (options->list, 0, NULL, &error);
  if (table == NULL)
    {
      g_printerr ("ward-atlas-cli: %s\n", error->message);
      return 1;
    }
  if (options->postcode_column != NULL)
    {
      columns.locate = WA_USER_LIST_BY_POSTCODE;
      if ((columns.postcode_column = find_column (table, "--postcode-column", options->postcode_column)) < 0)
        return 1;
    }
  else
    {
      gboolean lon_lat = options->lon_column != NULL;

      columns.locate = lon_lat ? WA_USER_LIST_BY_LON_LAT : WA_USER_LIST_BY_EASTING_NORTHING;
      if ((columns.x_column = find_column (table, lon_lat ? "--lon-column" : "--easting-column",
                                           lon_lat ? options->lon_column : options->easting_column)) < 0
          || (columns.y_column = find_column (table, lon_lat ? "--lat-column" : "--northing-column",
                                              lon_lat ? options->lat_column : options->northing_column)) < 0)
        return 1;
    }
  if (options->name_column != NULL
      && (columns.name_column = find_column (table, "--name-column", options->name_column)) < 0)
    return 1;
  atlas = wa_cli_open_atlas (pack);
  if (atlas == NULL)
    return 1;
  if (!wa_cli_apply_rank_options (atlas, options->method, NULL, NULL))
    return 2;
  if (options->ward != NULL && (ward = wa_atlas_lookup_ward (atlas, options->ward)) == NULL)
    {
      g_printerr (_("ward-atlas-cli assets: %s: no ward with code “%s”\n"), pack, options->ward);
      return 1;
    }
  name = g_path_get_basename (options->list);
  list = wa_user_list_locate (atlas, table, &columns, name, NULL, NULL, NULL, &error);
  if (list == NULL)
    {
      g_printerr ("ward-atlas-cli: %s\n", error->message);
      return 1;
    }
  print_report (table, list);
  if (ward != NULL)
    print_ward (atlas, list, ward, format);
  else
    print_counts (atlas, list, format);
  return 0;
}
