/* cli-query.c: rank, the read-only subcommand over the whole pack, and the
 * helpers the full CLI's other subcommands share. info, ward and locate,
 * which the front CLI answers too, are in cli-lookup.c. */
#include "wa-cli.h"
#include "ward-atlas-core.h"
#include "wa-json.h"
#include "wa-gdal-util.h"
#include "wa-pack-query.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- shared ------------------------------------------------------------- */

/* The whole pack, opened (and checked) through GDAL; the front CLI has its
 * own wa_cli_open_atlas, which hands the command to this program
 * (cli-front.c). */
WaAtlas *
wa_cli_open_atlas (const char *path)
{
  g_autoptr(GError) error = NULL;
  WaAtlas *atlas = wa_atlas_open (path, &error);

  if (atlas == NULL)
    g_printerr ("ward-atlas-cli: %s\n", error->message);
  return atlas;
}

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

/* ---- rank --------------------------------------------------------------- */

typedef enum { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON } OutputFormat;

static gboolean
parse_format (const char *text, OutputFormat *out)
{
  if (text == NULL || g_strcmp0 (text, "table") == 0)
    *out = FORMAT_TABLE;
  else if (g_strcmp0 (text, "csv") == 0)
    *out = FORMAT_CSV;
  else if (g_strcmp0 (text, "json") == 0)
    *out = FORMAT_JSON;
  else
    return FALSE;
  return TRUE;
}

static gboolean
parse_weights (const char *text, WaRankParams *params)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  char *end;

  if (g_strv_length (parts) != 2)
    return FALSE;
  params->weight_imd = g_ascii_strtod (parts[0], &end);
  if (end == parts[0] || *end != '\0')
    return FALSE;
  params->weight_cni = g_ascii_strtod (parts[1], &end);
  return end != parts[1] && *end == '\0';
}

/* --method's help: the methods, and each edition's default from the table. */
static char *
describe_method_option (void)
{
  g_autoptr(GString) defaults = g_string_new (NULL);

  for (WaEdition e = 0; e < WA_N_EDITIONS; e++)
    {
      if (e > 0)
        g_string_append (defaults, ", ");
      /* Translators: a rank method's id, then an edition year: "official for 2019". */
      g_string_append_printf (defaults, _("%s for %s"), wa_edition_get_info (e)->default_method,
                              wa_edition_to_string (e));
    }
  /* Translators: %s is each edition's default, e.g. "official for 2019, both-decile for 2025". */
  return g_strdup_printf (_("official, both-decile, worst-rank, mean-rank or rank-sum (default: %s)"),
                          defaults->str);
}

/* GOption reads "nan" and "inf" as numbers; a threshold must be a real share. */
static gboolean
parse_threshold (const char *text, double *out)
{
  char *end;
  double value = g_ascii_strtod (text, &end);

  if (end == text || *end != '\0' || !(value > 0 && value <= 100))
    {
      g_printerr (_("%s: --threshold takes a percentage above 0 and at most 100 (got “%s”)\n"),
                  g_get_prgname (), text);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

/* An option the method ignores would be silently dropped from the result. */
static gboolean
check_options_apply (const WaRankParams *params, const char *threshold, const char *weights)
{
  const char *id = wa_rank_method_to_id (params->method);

  if (threshold != NULL && !wa_rank_method_uses_threshold (params->method))
    {
      g_printerr (_("%s: --threshold does not apply to the %s method, which has no threshold\n"),
                  g_get_prgname (), id);
      return FALSE;
    }
  if (weights != NULL && !wa_rank_method_uses_weights (params->method))
    {
      g_printerr (_("%s: --weights applies only to --method rank-sum (the method here is %s)\n"),
                  g_get_prgname (), id);
      return FALSE;
    }
  return TRUE;
}

/* The rank parameters from the options; prints and returns FALSE on error. */
static gboolean
rank_params_from_options (WaAtlas *atlas, const char *method, const char *threshold,
                          const char *weights, WaRankParams *params)
{
  g_autoptr(GError) error = NULL;

  *params = *wa_atlas_get_rank_params (atlas);
  if (method != NULL && !wa_rank_method_from_id (method, &params->method))
    {
      /* The program name names the subcommand (set by wa_cli_parse_options). */
      g_printerr (_("%s: unknown method “%s” (official, both-decile, "
                    "worst-rank, mean-rank, rank-sum)\n"), g_get_prgname (), method);
      return FALSE;
    }
  if (!check_options_apply (params, threshold, weights))
    return FALSE;
  if (threshold != NULL && !parse_threshold (threshold, &params->threshold_percent))
    return FALSE;
  if (weights != NULL && !parse_weights (weights, params))
    {
      g_printerr (_("%s: --weights takes IMD,CNI, e.g. 2,1 (got “%s”)\n"), g_get_prgname (),
                  weights);
      return FALSE;
    }
  if (!wa_rank_params_validate (params, wa_atlas_get_edition (atlas), &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return FALSE;
    }
  return TRUE;
}

static void
print_rank_table (WaAtlas *atlas, GPtrArray *wards)
{
  g_autofree char *summary = wa_ward_list_describe (wards);
  gboolean shares = wa_ward_column_available (WA_WARD_COLUMN_NEIGHBOURHOOD_SHARE, atlas);

  printf ("%-10s %-32s %-26s %-24s %10s %8s %8s %9s %-*s%s\n", _("Code"), _("Ward"), _("Local authority"),
          _("Region"), _("Population"), _("IMD"), _("CNI"), _("Combined"), shares ? 12 : 0,
          _("Left behind"), shares ? _("In left-behind neighbourhoods") : "");
  for (guint i = 0; i < wards->len; i++)
    {
      WaWard *w = g_ptr_array_index (wards, i);
      g_autofree char *imd = wa_cli_format_rank_grouped (wa_ward_get_imd_rank (w));
      g_autofree char *cni = wa_cli_format_rank_grouped (wa_ward_get_cni_rank (w));
      g_autofree char *combined = wa_cli_format_rank_grouped (wa_ward_get_combined_rank (w));
      g_autofree char *population = wa_ward_column_format (WA_WARD_COLUMN_POPULATION, w);
      g_autofree char *share = shares ? wa_ward_column_format (WA_WARD_COLUMN_NEIGHBOURHOOD_SHARE, w)
                                      : g_strdup ("");

      printf ("%-10s %-32.32s %-26.26s %-24.24s %10s %8s %8s %9s %-*s%s\n", wa_ward_get_code (w),
              wa_ward_get_name (w), wa_cli_or_dash (wa_ward_get_lad_name (w)),
              wa_cli_or_dash (wa_ward_get_region_name (w)), population, imd, cni, combined, shares ? 12 : 0,
              wa_ward_get_left_behind (w) ? _("yes") : _("no"), share);
    }
  printf ("\n%s\n", summary);
}

/* The same CSV as the app's export, without its "#" description, so that
 * it pipes into other tools. */
static gboolean
print_rank_csv (WaAtlas *atlas, GPtrArray *wards, WaChange *change)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *table = wa_ward_csv_table (atlas, wards, change, &error);

  if (table == NULL)
    {
      g_printerr ("ward-atlas-cli rank: %s\n", error->message);
      return FALSE;
    }
  fputs (table, stdout);
  return TRUE;
}

static void
print_rank_json (WaAtlas *atlas, GPtrArray *wards)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *method = wa_rank_params_describe (wa_atlas_get_rank_params (atlas));
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  wa_json_add_string (b, "edition", wa_edition_to_string (wa_atlas_get_edition (atlas)));
  wa_json_add_string (b, "method", wa_rank_method_to_id (wa_atlas_get_rank_params (atlas)->method));
  wa_json_add_string (b, "method_description", method);
  json_builder_set_member_name (b, "wards");
  json_builder_begin_array (b);
  for (guint i = 0; i < wards->len; i++)
    {
      WaWard *w = g_ptr_array_index (wards, i);

      json_builder_begin_object (b);
      /* Names and areas are "" rather than null where the pack has none. */
      wa_json_add_string (b, "ward_code", or_empty (wa_ward_get_code (w)));
      wa_json_add_string (b, "ward_name", or_empty (wa_ward_get_name (w)));
      wa_json_add_string (b, "lad", or_empty (wa_ward_get_lad_name (w)));
      wa_json_add_string (b, "region", or_empty (wa_ward_get_region_name (w)));
      wa_json_add_known (b, "population", wa_ward_get_population (w));
      wa_json_add_count (b, "imd_rank", wa_ward_get_imd_rank (w));
      wa_json_add_count (b, "cni_rank", wa_ward_get_cni_rank (w));
      wa_json_add_count (b, "combined_rank", wa_ward_get_combined_rank (w));
      wa_json_add_bool (b, "left_behind", wa_ward_get_left_behind (w));
      if (wa_ward_column_available (WA_WARD_COLUMN_NEIGHBOURHOOD_SHARE, atlas))
        wa_json_add_number (b, "neighbourhood_share",
                            wa_ward_get_neighbourhood_share (w), "%.4f");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  text = wa_json_to_string (b);
  fputs (text, stdout);
}

static void
print_ward_list (const char *heading, GPtrArray *wards)
{
  printf ("%s (%u)\n", heading, wards->len);
  for (guint i = 0; i < wards->len; i++)
    {
      WaWard *w = g_ptr_array_index (wards, i);
      g_autofree char *imd = wa_cli_format_rank_grouped (wa_ward_get_imd_rank (w));
      g_autofree char *cni = wa_cli_format_rank_grouped (wa_ward_get_cni_rank (w));

      printf ("  %s  %s, %s (IMD rank %s, CNI rank %s)\n", wa_ward_get_code (w),
              wa_ward_get_name (w), wa_cli_or_dash (wa_ward_get_lad_name (w)), imd, cni);
    }
}

/* Shows how the chosen method's list differs from the published one. */
static int
compare_with_official (WaAtlas *atlas, const WaRankParams *params)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) only_method = NULL;
  g_autoptr(GPtrArray) only_official = NULL;
  g_autofree char *words = wa_rank_params_describe (params);
  WaRankParams official;

  wa_rank_params_init (&official);
  official.method = WA_RANK_METHOD_OFFICIAL;
  if (!wa_atlas_compare_methods (atlas, params, &official, &only_method, &only_official, &error))
    {
      g_printerr ("ward-atlas-cli rank: %s\n", error->message);
      return 1;
    }
  printf (_("Method: %s\n\n"), words);
  print_ward_list (_("Left behind under this method, not on the official list"), only_method);
  printf ("\n");
  print_ward_list (_("On the official list, not left behind under this method"), only_official);
  return 0;
}

/* The filter from the options; prints and returns FALSE on a bad one. */
static WaWardFilter *
filter_from_options (WaAtlas *atlas, const char *region, char **lads, gboolean left_behind,
                     const char *text, const char *neighbourhoods)
{
  WaNeighbourhoodFilter which = WA_NEIGHBOURHOOD_FILTER_ANY;
  g_autoptr(WaWardFilter) filter = wa_ward_filter_new ();
  g_autoptr(GError) error = NULL;

  wa_ward_filter_set_region (filter, region);
  for (guint i = 0; lads != NULL && lads[i] != NULL; i++)
    wa_ward_filter_add_lad (filter, lads[i]);
  wa_ward_filter_set_left_behind_only (filter, left_behind);
  wa_ward_filter_set_text (filter, text);
  if (neighbourhoods != NULL && !wa_neighbourhood_filter_from_id (neighbourhoods, &which))
    {
      g_printerr (_("ward-atlas-cli rank: --neighbourhoods: “%s” is not one of any, some, half\n"),
                  neighbourhoods);
      return NULL;
    }
  if (which != WA_NEIGHBOURHOOD_FILTER_ANY
      && !wa_ward_column_available (WA_WARD_COLUMN_NEIGHBOURHOOD_SHARE, atlas))
    {
      g_printerr (_("ward-atlas-cli rank: --neighbourhoods: %s has no published left-behind "
                    "neighbourhoods (the 2025 edition has them)\n"), wa_atlas_get_path (atlas));
      return NULL;
    }
  wa_ward_filter_set_neighbourhoods (filter, which);
  if (!wa_ward_filter_validate (filter, atlas, &error))
    {
      g_printerr ("ward-atlas-cli rank: %s\n", error->message);
      return NULL;
    }
  return g_steal_pointer (&filter);
}

/* The full export (description and table), like the app's; an existing
 * file is replaced only with --force. */
static int
write_rank_file (WaAtlas *atlas, GPtrArray *wards, const WaWardCsvContext *context,
                 const char *path, gboolean force)
{
  g_autoptr(GError) error = NULL;

  if (!force && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("ward-atlas-cli rank: %s already exists; add --force to replace it\n"), path);
      return 1;
    }
  if (!wa_ward_csv_write (atlas, wards, context, path, &error))
    {
      g_printerr ("ward-atlas-cli rank: %s\n", error->message);
      return 1;
    }
  if (context->provenance_sidecar)
    {
      g_autofree char *sidecar = wa_ward_csv_sidecar_path (path);

      g_print (_("Wrote %s; its provenance (edition, method, filters, sources, attribution) "
                 "is in %s\n"), path, sidecar);
    }
  return 0;
}

int
wa_cli_rank (int argc, char **argv)
{
  g_autofree char *method = NULL;
  g_autofree char *weights = NULL;
  g_autofree char *format = NULL;
  g_autofree char *region = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sort = NULL;
  g_autofree char *neighbourhoods = NULL;
  g_autofree char *output_path = NULL;
  g_auto(GStrv) lads = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  g_autoptr(GPtrArray) wards = NULL;
  g_autoptr(WaWardFilter) filter = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *threshold = NULL;
  g_autofree char *limit_text = NULL;
  g_autofree char *compare_pack = NULL;
  g_autoptr(WaAtlas) other = NULL;
  g_autoptr(WaChange) change = NULL;
  gboolean left_behind = FALSE, compare = FALSE, force = FALSE, compare_beside = FALSE;
  int limit = G_MAXINT;
  OutputFormat output;
  WaRankParams params;
  WaWardCsvContext context = { NULL, WA_WARD_COLUMN_COMBINED_RANK, FALSE };
  g_autofree char *method_help = describe_method_option ();
  GOptionEntry entries[] = {
    { "method", 'm', 0, G_OPTION_ARG_STRING, &method, method_help, "M" },
    { "threshold", 't', 0, G_OPTION_ARG_STRING, &threshold,
      N_("Left-behind threshold in percent, above 0 and at most 100 (default 10)"), "N" },
    { "weights", 'w', 0, G_OPTION_ARG_STRING, &weights,
      N_("rank-sum weights, each 0 to 100, e.g. 2,1"), "IMD,CNI" },
    { "left-behind", 'l', 0, G_OPTION_ARG_NONE, &left_behind, N_("Only wards classified left behind"), NULL },
    { "region", 'r', 0, G_OPTION_ARG_STRING, &region, N_("Only wards in this region (name or code)"), "REGION" },
    { "lad", 0, 0, G_OPTION_ARG_STRING_ARRAY, &lads,
      N_("Only wards in this local authority (name or code; repeat for several)"), "LAD" },
    { "neighbourhoods", 0, 0, G_OPTION_ARG_STRING, &neighbourhoods,
      N_("Only wards with residents in the published 2023 left-behind neighbourhoods: "
         "some, or half or more (2025 pack)"), "some|half" },
    { "text", 'q', 0, G_OPTION_ARG_STRING, &text,
      N_("Only wards whose name, code, authority or region has words starting so"), "TEXT" },
    { "sort", 's', 0, G_OPTION_ARG_STRING, &sort,
      N_("Sort column, optionally :desc (combined, ward, code, lad, region, population, imd, cni, "
         "civic, connectedness, engaged, left-behind, official, neighbourhoods); default combined"), "COLUMN[:desc]" },
    { "limit", 'n', 0, G_OPTION_ARG_STRING, &limit_text, N_("At most N wards (N at least 1)"), "N" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("table, csv or json"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path,
      N_("Write the CSV export (with its description of edition, method, filters and sources) to FILE"), "FILE" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace FILE if it exists"), NULL },
    { "no-provenance", 0, 0, G_OPTION_ARG_NONE, &context.provenance_sidecar,
      N_("With --output: a clean CSV (header and rows only); its description goes to "
         "FILE.provenance.txt"), NULL },
    { "compare", 0, 0, G_OPTION_ARG_NONE, &compare_beside,
      N_("With csv or --output, of the 2025 pack: add the change since 2019 (positions in both "
         "editions, category, share on a changed boundary), the 2019 pack found beside PACK"), NULL },
    { "compare-pack", 0, 0, G_OPTION_ARG_FILENAME, &compare_pack,
      N_("The same with this 2019 pack"), "PACK" },
    { "compare-official", 0, 0, G_OPTION_ARG_NONE, &compare,
      N_("List the wards on which the method and the official 2019 list differ"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!wa_cli_parse_options ("rank", "PACK", _("List wards by combined IMD/CNI rank (1 = greatest need)."),
                      entries, &argc, &argv, 1))
    return 2;
  if (!parse_format (format, &output))
    {
      g_printerr (_("ward-atlas-cli rank: unknown format “%s” (table, csv, json)\n"), format);
      return 2;
    }
  if (limit_text != NULL && !wa_cli_parse_limit (limit_text, G_MAXINT, &limit))
    return 2;
  if (output_path != NULL && !wa_cli_check_output (output_path, WA_OUTPUT_TEXT, argv[1]))
    return 1;
  if (sort != NULL && !wa_ward_sort_parse (sort, &context.sort, &context.descending, &error))
    {
      g_printerr ("ward-atlas-cli rank: --sort: %s\n", error->message);
      return 2;
    }
  if ((atlas = wa_cli_open_atlas (argv[1])) == NULL)
    return 1;
  if (!rank_params_from_options (atlas, method, threshold, weights, &params))
    return 2;
  if (compare)
    return compare_with_official (atlas, &params);
  if (!wa_atlas_set_rank_params (atlas, &params, &error))
    {
      g_printerr ("ward-atlas-cli rank: %s\n", error->message);
      return 1;
    }
  if ((filter = filter_from_options (atlas, region, lads, left_behind, text, neighbourhoods)) == NULL)
    return 1;
  context.filter = filter;
  if (!wa_cli_open_change ("rank", atlas, argv[1], compare_pack, compare_beside, &other, &change))
    return 1;
  if (change != NULL && !wa_ward_csv_has_change (atlas, change))
    g_printerr (_("ward-atlas-cli rank: the change columns are those of the %s wards: give the %s "
                  "pack first and the %s one to --compare-pack\n"),
                wa_edition_to_string (wa_edition_newest ()), wa_edition_to_string (wa_edition_newest ()),
                wa_edition_to_string (0));
  context.change = change;
  wards = wa_ward_filter_apply (filter, atlas, context.sort, context.descending);
  if ((guint) limit < wards->len)
    g_ptr_array_set_size (wards, limit);
  if (output_path != NULL)
    return write_rank_file (atlas, wards, &context, output_path, force);
  switch (output)
    {
    case FORMAT_TABLE:
      print_rank_table (atlas, wards);
      break;
    case FORMAT_CSV:
      if (!print_rank_csv (atlas, wards, change))
        return 1;
      break;
    case FORMAT_JSON:
      print_rank_json (atlas, wards);
      break;
    }
  return 0;
}

/* ---- for the other subcommand files ----------------------------------- */

gboolean
wa_cli_parse_format (const char *command, const char *text, WaCliFormat *out)
{
  static const char *const names[] = { "table", "csv", "json" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text != NULL ? text : "table", names[i]) == 0)
      {
        *out = (WaCliFormat) i;
        return TRUE;
      }
  g_printerr (_("ward-atlas-cli %s: unknown format “%s” (table, csv, json)\n"), command, text);
  return FALSE;
}

gboolean
wa_cli_apply_rank_options (WaAtlas *atlas, const char *method, const char *threshold,
                           const char *weights)
{
  g_autoptr(GError) error = NULL;
  WaRankParams params;

  if (!rank_params_from_options (atlas, method, threshold, weights, &params))
    return FALSE;
  if (!wa_atlas_set_rank_params (atlas, &params, &error))
    {
      g_printerr ("ward-atlas-cli: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
wa_cli_parse_limit (const char *text, int max, int *out)
{
  gint64 value;

  if (g_ascii_string_to_signed (text, 10, 1, max, &value, NULL))
    {
      *out = (int) value;
      return TRUE;
    }
  if (max == G_MAXINT)
    g_printerr (_("%s: --limit takes a whole number, 1 or more (got “%s”)\n"), g_get_prgname (), text);
  else
    g_printerr (_("%s: --limit takes a whole number from 1 to %d (got “%s”)\n"), g_get_prgname (),
                max, text);
  return FALSE;
}

/* The CLI's writers never replace an existing file without --force (and say
 * "already exists"), so only what --force must not override is checked
 * here: special files and the pack itself. */
gboolean
wa_cli_check_output (const char *path, WaOutputKind kind, const char *pack)
{
  const char *inputs[] = { pack, NULL };
  g_autoptr(GError) error = NULL;

  if (wa_output_path_check (path, kind, inputs, TRUE, &error))
    return TRUE;
  g_printerr ("%s: %s\n", g_get_prgname (), error->message);
  return FALSE;
}
