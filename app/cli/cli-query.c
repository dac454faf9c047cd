/* cli-query.c: the read-only subcommands over an opened pack:
 * info, rank, ward and locate. */
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

/* Parses options; prints the error and returns FALSE on bad usage. The
 * remaining positional arguments are left in argv. */
static gboolean
parse_options (const char    *command,
               const char    *parameters,
               const char    *summary,
               GOptionEntry  *entries,
               int           *argc,
               char        ***argv,
               int            n_positional)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("ward-atlas-cli %s", command);

  g_set_prgname (prgname);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("%s: %s\n", prgname, error->message);
      return FALSE;
    }
  if (*argc - 1 != n_positional)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr (_("%s: expected %s\n\n%s"), prgname, parameters, help);
      return FALSE;
    }
  return TRUE;
}

static WaAtlas *
open_atlas (const char *path)
{
  g_autoptr(GError) error = NULL;
  WaAtlas *atlas = wa_atlas_open (path, &error);

  if (atlas == NULL)
    g_printerr ("ward-atlas-cli: %s\n", error->message);
  return atlas;
}

/* The lazy model (wa-pack-query.h) when the pack was verified in this
 * exact state; NULL when it was not, and the command opens the whole pack,
 * which checks it (and stamps it for next time). --full-model skips the
 * lazy model: the tests compare the two. */
static WaPackQuery *
open_query (const char *path, gboolean full_model)
{
  return full_model ? NULL : wa_pack_query_open (path, NULL);
}

/* Hidden: the tests' way to get the full model's answer. */
#define FULL_MODEL_OPTION(flag) \
  { "full-model", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &(flag), \
    N_("Read the whole pack even when the question needs only part of it"), NULL }

static const char *
or_dash (const char *text)
{
  return text != NULL && *text != '\0' ? text : "-";
}

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

char *
wa_cli_format_rank (guint rank)
{
  return rank > 0 ? g_strdup_printf ("%u", rank) : g_strdup ("-");
}

static guint
count_combined_ranked (WaAtlas *atlas)
{
  g_autoptr(GPtrArray) wards = wa_area_dup_wards (atlas, WA_AREA_LAND, NULL);
  WaAreaSummary summary;

  wa_area_summarize (wards, &summary);
  return summary.n_ranked;
}

/* A rank for people to read, grouped as the app writes it ("1,837"). */
static char *
format_rank (guint rank)
{
  return rank > 0 ? wa_format_count (rank) : g_strdup ("-");
}

static char *
format_count (gint64 value)
{
  return wa_format_count (value);
}

/* ---- info --------------------------------------------------------------- */

static void
print_sources (WaAtlas *atlas)
{
  GPtrArray *sources = wa_atlas_get_sources (atlas);

  printf ("\n%s\n", _("Sources:"));
  for (guint i = 0; i < sources->len; i++)
    {
      const WaSourceInfo *s = g_ptr_array_index (sources, i);

      printf ("  %s (%s)\n", or_dash (s->title), or_dash (s->role));
      printf ("    %-12s %s\n", _("File:"), or_dash (s->file));
      printf ("    %-12s %s\n", _("Publisher:"), or_dash (s->publisher));
      printf ("    %-12s %s\n", _("Download:"), or_dash (s->url));
      printf ("    %-12s %s\n", _("Licence:"), or_dash (s->licence));
      printf ("    %-12s %s\n", _("Attribution:"), or_dash (s->attribution));
      if (s->records >= 0)
        {
          g_autofree char *records = format_count (s->records);

          printf ("    %-12s %s\n", _("Records:"), records);
        }
    }
}

/* ATLAS is the full or the lazy model's partial atlas; SUMMARY holds what
 * only the full one has (places, areas, assets). */
static void
print_info (const char *path, WaAtlas *atlas, const WaPackSummary *summary)
{
  guint n_wards = wa_atlas_get_n_wards (atlas);
  g_autofree char *wards = format_count (n_wards);
  g_autofree char *on_map = format_count (summary->n_on_map);
  g_autofree char *off_map = format_count (n_wards - summary->n_on_map);
  g_autofree char *imd = format_count (wa_atlas_get_n_ranked (atlas, WA_INDICATOR_IMD));
  g_autofree char *cni = format_count (wa_atlas_get_n_ranked (atlas, WA_INDICATOR_CNI));
  g_autofree char *places = format_count (summary->n_places);

  printf ("%-18s %s\n", _("Pack:"), path);
  printf ("%-18s %s\n", _("Edition:"), wa_edition_describe (wa_atlas_get_edition (atlas)));
  printf ("%-18s %s\n", _("Vintages:"), or_dash (wa_atlas_get_metadata (atlas, "vintages")));
  printf ("%-18s %s\n", _("Built:"), or_dash (wa_atlas_get_metadata (atlas, "build_date")));
  printf ("%-18s %s\n", _("Generator:"), or_dash (wa_atlas_get_metadata (atlas, "generator")));
  printf (_("%-18s %s (%s on the map, %s in tables only)\n"), _("Wards:"), wards, on_map, off_map);
  printf ("%-18s %s\n", _("Ranked on IMD:"), imd);
  printf ("%-18s %s\n", _("Ranked on CNI:"), cni);
  printf ("%-18s %s\n", _("Places:"), places);
  printf ("%-18s %u\n", _("Local authorities:"), summary->n_lads);
  print_sources (atlas);
  wa_cli_print_datasets (summary->datasets);
}

int
wa_cli_info (int argc, char **argv)
{
  gboolean full_model = FALSE;
  GOptionEntry entries[] = { FULL_MODEL_OPTION (full_model), G_OPTION_ENTRY_NULL };
  g_autoptr(WaPackQuery) query = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  g_autoptr(GError) error = NULL;
  WaPackSummary summary = { 0 };

  if (!parse_options ("info", "PACK", _("Describe a data pack."), entries, &argc, &argv, 1))
    return 2;
  if ((query = open_query (argv[1], full_model)) != NULL)
    {
      if (!wa_pack_query_summarise (query, &summary, &error))
        {
          g_printerr ("ward-atlas-cli: %s\n", error->message);
          return 1;
        }
      print_info (argv[1], wa_pack_query_get_atlas (query), &summary);
    }
  else
    {
      if ((atlas = open_atlas (argv[1])) == NULL)
        return 1;
      wa_pack_summary_from_atlas (atlas, &summary);
      print_info (argv[1], atlas, &summary);
    }
  wa_pack_summary_clear (&summary);
  return 0;
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
      /* The program name names the subcommand (set by parse_options). */
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
      g_autofree char *imd = format_rank (wa_ward_get_imd_rank (w));
      g_autofree char *cni = format_rank (wa_ward_get_cni_rank (w));
      g_autofree char *combined = format_rank (wa_ward_get_combined_rank (w));
      g_autofree char *population = wa_ward_column_format (WA_WARD_COLUMN_POPULATION, w);
      g_autofree char *share = shares ? wa_ward_column_format (WA_WARD_COLUMN_NEIGHBOURHOOD_SHARE, w)
                                      : g_strdup ("");

      printf ("%-10s %-32.32s %-26.26s %-24.24s %10s %8s %8s %9s %-*s%s\n", wa_ward_get_code (w),
              wa_ward_get_name (w), or_dash (wa_ward_get_lad_name (w)),
              or_dash (wa_ward_get_region_name (w)), population, imd, cni, combined, shares ? 12 : 0,
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
      g_autofree char *imd = format_rank (wa_ward_get_imd_rank (w));
      g_autofree char *cni = format_rank (wa_ward_get_cni_rank (w));

      printf ("  %s  %s, %s (IMD rank %s, CNI rank %s)\n", wa_ward_get_code (w),
              wa_ward_get_name (w), or_dash (wa_ward_get_lad_name (w)), imd, cni);
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

  if (!parse_options ("rank", "PACK", _("List wards by combined IMD/CNI rank (1 = greatest need)."),
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
  if ((atlas = open_atlas (argv[1])) == NULL)
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

/* ---- ward --------------------------------------------------------------- */

static char *
format_number (double value, int digits)
{
  return isnan (value) ? g_strdup ("-") : wa_format_score (value, digits);
}

/* text right-aligned in width characters (printf pads by bytes, and the
 * formatter's minus sign "−" is three). */
static char *
pad_left (const char *text, int width)
{
  int pad = MAX (width - (int) g_utf8_strlen (text, -1), 0);

  return g_strdup_printf ("%*s%s", pad, "", text);
}

static void
print_figure (WaAtlas *atlas, WaWard *ward, WaIndicator indicator)
{
  const WaFigure *f = wa_ward_get_figure (ward, indicator);
  g_autofree char *raw_score = format_number (f->score, 3);
  g_autofree char *score = pad_left (raw_score, 9);
  g_autofree char *extent = format_number (f->extent, 3);
  g_autofree char *proportion = format_number (f->proportion, 3);
  /* "1,837 of 6,817", as the app's panel writes it. */
  g_autofree char *rank = f->rank > 0 ? wa_format_rank_of (f->rank, wa_atlas_get_n_ranked (atlas, indicator))
                                      : g_strdup ("-");
  g_autofree char *decile = format_rank (f->decile);

  printf ("  %-38.38s %9s  %14s %s %-3s %s %-6s %s %-6s %s\n",
          wa_indicator_label (indicator), score, rank,
          _("decile"), decile,
          _("extent"), extent, _("proportion"), proportion,
          wa_figure_source_describe (f->source));
}

static void
print_neighbours (WaAtlas *atlas, WaWard *ward)
{
  guint n = 0;
  const guint *neighbours = wa_ward_get_neighbours (ward, &n);

  printf ("\n%s\n", _("Neighbouring wards (combined rank):"));
  if (n == 0)
    printf ("  %s\n", _("none recorded"));
  for (guint i = 0; i < n; i++)
    {
      WaWard *other = wa_atlas_get_ward (atlas, neighbours[i]);
      g_autofree char *rank = format_rank (wa_ward_get_combined_rank (other));
      printf ("  %s  %-32s %s%s\n", wa_ward_get_code (other), wa_ward_get_name (other), rank,
              wa_ward_get_left_behind (other) ? _(" (left behind)") : "");
    }
}

static const char *
official_words (int official)
{
  switch (official)
    {
    case 1: return _("yes");
    case 0: return _("no");
    default: return _("not applicable");
    }
}

/* The ward with CODE from the lazy model if the pack is stamped, else from
 * the whole pack; *atlas holds whichever model answered. NULL after
 * printing why. */
static WaWard *
find_ward (const char *path, const char *code, gboolean full_model, WaPackQuery **query,
           WaAtlas **atlas)
{
  g_autoptr(GError) error = NULL;
  WaWard *ward;

  if ((*query = open_query (path, full_model)) != NULL)
    {
      ward = wa_pack_query_lookup_ward (*query, code, &error);
      if (wa_pack_query_get_atlas (*query) != NULL)
        *atlas = g_object_ref (wa_pack_query_get_atlas (*query));
    }
  else
    {
      if ((*atlas = open_atlas (path)) == NULL)
        return NULL;
      ward = wa_atlas_lookup_ward (*atlas, code);
    }
  if (error != NULL)
    g_printerr ("ward-atlas-cli ward: %s\n", error->message);
  else if (ward == NULL)
    g_printerr (_("ward-atlas-cli ward: %s: no ward with code “%s” in this pack\n"), path, code);
  return ward;
}

int
wa_cli_ward (int argc, char **argv)
{
  gboolean full_model = FALSE;
  GOptionEntry entries[] = { FULL_MODEL_OPTION (full_model), G_OPTION_ENTRY_NULL };
  g_autoptr(WaPackQuery) query = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  g_autofree char *method = NULL;
  g_autofree char *combined = NULL;
  WaWard *ward;

  if (!parse_options ("ward", "PACK CODE", _("Show the full profile of one ward."),
                      entries, &argc, &argv, 2))
    return 2;
  if ((ward = find_ward (argv[1], argv[2], full_model, &query, &atlas)) == NULL)
    return 1;

  method = wa_rank_params_describe (wa_atlas_get_rank_params (atlas));
  /* As the app writes it ("1,837 of 6,784"): out of the wards with a
   * combined rank, not all wards. */
  combined = wa_format_rank_of (wa_ward_get_combined_rank (ward), count_combined_ranked (atlas));
  printf ("%s (%s)\n", wa_ward_get_name (ward), wa_ward_get_code (ward));
  printf ("  %-22s %s (%s)\n", _("Local authority:"), or_dash (wa_ward_get_lad_name (ward)),
          or_dash (wa_ward_get_lad_code (ward)));
  printf ("  %-22s %s\n", _("Region:"), or_dash (wa_ward_get_region_name (ward)));
  if (wa_ward_get_population (ward) >= 0)
    {
      g_autofree char *population = format_count (wa_ward_get_population (ward));

      printf ("  %-22s %s (%u LSOAs)\n", _("Population:"), population, wa_ward_get_n_lsoa (ward));
    }
  else
    printf ("  %-22s %s\n", _("Population:"), _("no data"));
  printf ("  %-22s %s\n", _("Edition:"), wa_edition_describe (wa_atlas_get_edition (atlas)));
  printf ("  %-22s %s\n", _("On the map:"), wa_ward_get_geometry (ward) != NULL ? _("yes") : _("no boundary available"));
  printf ("\n%s\n", _("Ranks: 1 = most deprived / greatest need; deciles: 1 = most deprived 10 %"));
  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    print_figure (atlas, ward, i);
  printf ("\n  %-22s %s\n", _("Method:"), method);
  printf ("  %-22s %s\n", _("Combined rank:"), combined);
  printf ("  %-22s %s\n", _("Left behind:"), wa_ward_get_left_behind (ward) ? _("yes") : _("no"));
  if (wa_edition_has_official_flag (wa_atlas_get_edition (atlas)))
    printf ("  %-22s %s\n", _("On the official list:"),
            official_words (wa_ward_get_official_left_behind (ward)));
  print_neighbours (atlas, ward);
  return 0;
}

/* ---- locate ------------------------------------------------------------- */

static gboolean
parse_lonlat (const char *text, double *lon, double *lat)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  char *end;

  if (g_strv_length (parts) != 2)
    return FALSE;
  *lon = g_ascii_strtod (g_strstrip (parts[0]), &end);
  if (end == parts[0] || *end != '\0' || !isfinite (*lon))
    return FALSE;
  *lat = g_ascii_strtod (g_strstrip (parts[1]), &end);
  return end != parts[1] && *end == '\0' && isfinite (*lat);
}

static void
print_located (WaAtlas *atlas, WaWard *ward, const char *what, double lon, double lat)
{
  g_autofree char *rank = format_rank (wa_ward_get_combined_rank (ward));

  printf ("%s (%.6f, %.6f)\n", what, lon, lat);
  printf ("  %-18s %s (%s)\n", _("Ward:"), wa_ward_get_name (ward), wa_ward_get_code (ward));
  printf ("  %-18s %s\n", _("Local authority:"), or_dash (wa_ward_get_lad_name (ward)));
  printf ("  %-18s %s\n", _("Region:"), or_dash (wa_ward_get_region_name (ward)));
  printf ("  %-18s %s\n", _("Combined rank:"), rank);
  printf ("  %-18s %s\n", _("Left behind:"), wa_ward_get_left_behind (ward) ? _("yes") : _("no"));
}

WaWard *
wa_cli_locate_postcode (WaPackQuery *query, WaAtlas *atlas, const char *text,
                        WaPostcodeHit **hit, GError **error)
{
  if (query != NULL)
    {
      *hit = wa_pack_query_lookup_postcode (query, text, error);
      atlas = wa_pack_query_get_atlas (query);
    }
  else
    *hit = wa_atlas_lookup_postcode (atlas, text, error);
  if (*hit == NULL)
    return NULL;
  return (*hit)->ward_index >= 0 ? wa_atlas_get_ward (atlas, (*hit)->ward_index) : NULL;
}

/* The ward at the postcode or the point, from either model; FALSE after
 * printing an error. *ward is NULL for a point outside every ward. */
static gboolean
locate_one (WaPackQuery *query, WaAtlas *atlas, const char *postcode, double *lon, double *lat,
            WaPostcodeHit **hit, WaWard **ward)
{
  g_autoptr(GError) error = NULL;

  if (postcode != NULL)
    {
      *ward = wa_cli_locate_postcode (query, atlas, postcode, hit, &error);
      if (*hit != NULL)
        {
          *lon = (*hit)->lon;
          *lat = (*hit)->lat;
        }
    }
  else if (query != NULL)
    *ward = wa_pack_query_locate (query, *lon, *lat, &error);
  else
    *ward = wa_atlas_locate (atlas, *lon, *lat);
  if (error != NULL)
    {
      g_printerr ("ward-atlas-cli locate: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

/* Exactly one of the three ways to say where. */
static gboolean
check_locate_options (const char *lonlat, const char *postcode, const char *file,
                      const char *output, double *lon, double *lat)
{
  if ((lonlat != NULL) + (postcode != NULL) + (file != NULL) != 1)
    {
      g_printerr (_("ward-atlas-cli locate: give exactly one of --lonlat X,Y, --postcode POSTCODE "
                    "or --postcodes-file FILE\n"));
      return FALSE;
    }
  if (output != NULL && file == NULL)
    {
      g_printerr (_("ward-atlas-cli locate: --output applies only to --postcodes-file\n"));
      return FALSE;
    }
  if (lonlat != NULL && !parse_lonlat (lonlat, lon, lat))
    {
      g_printerr (_("ward-atlas-cli locate: --lonlat takes longitude,latitude in degrees, e.g. -1.89,52.48 (got “%s”)\n"), lonlat);
      return FALSE;
    }
  return TRUE;
}

int
wa_cli_locate (int argc, char **argv)
{
  g_autofree char *lonlat = NULL;
  g_autofree char *postcode = NULL;
  g_autofree char *file = NULL;
  g_autofree char *output = NULL;
  g_autoptr(WaPackQuery) query = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  g_autoptr(WaPostcodeHit) hit = NULL;
  gboolean full_model = FALSE, force = FALSE;
  double lon = 0, lat = 0;
  WaWard *ward = NULL;
  GOptionEntry entries[] = {
    { "lonlat", 0, 0, G_OPTION_ARG_STRING, &lonlat, N_("Longitude and latitude in degrees"), "X,Y" },
    { "postcode", 'p', 0, G_OPTION_ARG_STRING, &postcode, N_("A full postcode, any case and spacing"), "POSTCODE" },
    { "postcodes-file", 0, 0, G_OPTION_ARG_FILENAME, &file,
      N_("A CSV of postcodes (one a line, or a column named postcode): writes a CSV of their wards"), "FILE" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the --postcodes-file result to OUTPUT instead of standard output"), "OUTPUT" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace OUTPUT if it exists"), NULL },
    FULL_MODEL_OPTION (full_model),
    G_OPTION_ENTRY_NULL
  };

  if (!parse_options ("locate", "PACK", _("Find the ward at a point or a postcode."),
                      entries, &argc, &argv, 1))
    return 2;
  if (!check_locate_options (lonlat, postcode, file, output, &lon, &lat))
    return 2;
  if ((query = open_query (argv[1], full_model)) == NULL && (atlas = open_atlas (argv[1])) == NULL)
    return 1;
  if (file != NULL)
    return wa_cli_locate_batch (argv[1], query, atlas, file, output, force);
  if (!locate_one (query, atlas, postcode, &lon, &lat, &hit, &ward))
    return 1;
  if (ward == NULL)
    {
      g_printerr (_("ward-atlas-cli locate: %.6f, %.6f is not in any ward of this pack (England only)\n"), lon, lat);
      return 1;
    }
  print_located (query != NULL ? wa_pack_query_get_atlas (query) : atlas, ward,
                 hit != NULL ? hit->postcode : _("Point"), lon, lat);
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
wa_cli_parse_options (const char *command, const char *parameters, const char *summary,
                      GOptionEntry *entries, int *argc, char ***argv, int n_positional)
{
  return parse_options (command, parameters, summary, entries, argc, argv, n_positional);
}

WaAtlas *
wa_cli_open_atlas (const char *path)
{
  return open_atlas (path);
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
