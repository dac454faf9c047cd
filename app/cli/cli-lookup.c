/* cli-lookup.c: the one-off commands info, ward and locate, and the option
 * parsing and printing the other subcommands share. Built into both
 * executables (app/cli/meson.build): ward-atlas-cli-full, and
 * ward-atlas-cli, the front that links no GDAL and answers these three
 * from the lazy model (wa-pack-query.h). When the lazy model cannot
 * answer (the pack is not stamped as verified, or --full-model) they call
 * wa_cli_open_atlas (): the full CLI opens the whole pack (cli-query.c),
 * the front hands the whole command over to the full CLI (cli-front.c).
 * Either way one copy of the code prints the answer. */
#include <inttypes.h>
#include "wa-cli.h"
#include "ward-atlas-core.h"
#include "wa-pack-query.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- shared by every subcommand ------------------------------------------- */

/* Parses options; prints the error and returns FALSE on bad usage. The
 * remaining positional arguments are left in argv. */
gboolean
wa_cli_parse_options (const char    *command,
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

/* The lazy model (wa-pack-query.h) when the pack was verified in this
 * exact state; NULL when it was not, and the command opens the whole pack,
 * which checks it (and stamps it for next time). --full-model skips the
 * lazy model: the tests compare the two. */
static WaPackQuery *
open_query (const char *path, gboolean full_model)
{
  return full_model ? NULL : wa_pack_query_open (path, NULL);
}

/* For one answer: the ranks the pack stores (when it does) rather than
 * every ward's figures, which a one-off command does not print. */
static WaPackQuery *
open_query_one (const char *path, gboolean full_model)
{
  WaPackQuery *query = open_query (path, full_model);

  if (query != NULL)
    wa_pack_query_use_stored_ranks (query);
  return query;
}

/* Hidden: the tests' way to get the full model's answer. */
#define FULL_MODEL_OPTION(flag) \
  { "full-model", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &(flag), \
    N_("Read the whole pack even when the question needs only part of it"), NULL }

const char *
wa_cli_or_dash (const char *text)
{
  return text != NULL && *text != '\0' ? text : "-";
}

char *
wa_cli_format_rank (guint rank)
{
  return rank > 0 ? g_strdup_printf ("%u", rank) : g_strdup ("-");
}

/* The n_ranked of wa_area_summarize () over every ward (WA_AREA_LAND),
 * counted without sorting and summarising them all. */
static guint
count_combined_ranked (WaAtlas *atlas)
{
  guint n = 0;

  for (guint w = 0; w < wa_atlas_get_n_wards (atlas); w++)
    n += wa_ward_get_combined_rank (wa_atlas_get_ward (atlas, w)) > 0;
  return n;
}

/* A rank for people to read, grouped as the app writes it ("1,837"). */
char *
wa_cli_format_rank_grouped (guint rank)
{
  return rank > 0 ? wa_format_count (rank) : g_strdup ("-");
}

static char *
format_count (gint64 value)
{
  return wa_format_count (value);
}

/* ---- the whole pack ------------------------------------------------------ */

/* The whole pack's own answers, for when the lazy model cannot answer.
 * The front CLI never holds a whole pack: its wa_cli_open_atlas runs the
 * command in ward-atlas-cli-full and returns NULL (cli-front.c). Its
 * build (WA_CLI_FRONT) leaves these calls out, which keeps the objects
 * that read a pack through GDAL out of its link. */
#ifndef WA_CLI_FRONT
# define whole_summarise       wa_pack_summary_from_atlas
# define whole_lookup_postcode wa_atlas_lookup_postcode
#else
static void
whole_summarise (WaAtlas *atlas, WaPackSummary *out)
{
  g_assert_not_reached ();
}

static WaPostcodeHit *
whole_lookup_postcode (WaAtlas *atlas, const char *text, GError **error)
{
  g_assert_not_reached ();
}
#endif

/* ---- info --------------------------------------------------------------- */

static void
print_sources (WaAtlas *atlas)
{
  GPtrArray *sources = wa_atlas_get_sources (atlas);

  printf ("\n%s\n", _("Sources:"));
  for (guint i = 0; i < sources->len; i++)
    {
      const WaSourceInfo *s = g_ptr_array_index (sources, i);

      printf ("  %s (%s)\n", wa_cli_or_dash (s->title), wa_cli_or_dash (s->role));
      printf ("    %-12s %s\n", _("File:"), wa_cli_or_dash (s->file));
      printf ("    %-12s %s\n", _("Publisher:"), wa_cli_or_dash (s->publisher));
      printf ("    %-12s %s\n", _("Download:"), wa_cli_or_dash (s->url));
      printf ("    %-12s %s\n", _("Licence:"), wa_cli_or_dash (s->licence));
      printf ("    %-12s %s\n", _("Attribution:"), wa_cli_or_dash (s->attribution));
      if (s->records >= 0)
        {
          g_autofree char *records = format_count (s->records);

          printf ("    %-12s %s\n", _("Records:"), records);
        }
    }
}

void
wa_cli_print_datasets (GPtrArray *datasets)
{
  printf ("\n%s\n", _("Asset datasets:"));
  if (datasets->len == 0)
    printf ("  %s\n", _("none"));
  for (guint i = 0; i < datasets->len; i++)
    {
      const WaAssetDataset *d = g_ptr_array_index (datasets, i);
      g_autoptr(GString) names = g_string_new (NULL);

      for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
        if (d->categories & (1u << c))
          g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", wa_asset_category_name (c));
      printf ("  %s\n", d->id);
      printf ("    %-12s %s\n", _("Title:"), d->title != NULL ? d->title : "-");
      printf ("    %-12s %s\n", _("Coverage:"), d->coverage_name != NULL ? d->coverage_name : "-");
      printf ("    %-12s %s\n", _("Categories:"), names->str);
      printf (_("    %-12s %" PRId64 " read, %" PRId64 " imported; %"
                PRId64 " geocoded by postcode, %" PRId64 " unmatched, %"
                PRId64 " excluded (closed or inactive), %" PRId64
                " not assets, %" PRId64 " without a position, %" PRId64
                " outside the coverage, %" PRId64 " duplicates merged\n"),
              _("Records:"), d->read, d->imported, d->geocoded, d->unmatched, d->excluded,
              d->skipped, d->no_location, d->outside, d->merged);
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
  printf ("%-18s %s\n", _("Vintages:"), wa_cli_or_dash (wa_atlas_get_metadata (atlas, "vintages")));
  printf ("%-18s %s\n", _("Built:"), wa_cli_or_dash (wa_atlas_get_metadata (atlas, "build_date")));
  printf ("%-18s %s\n", _("Generator:"), wa_cli_or_dash (wa_atlas_get_metadata (atlas, "generator")));
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

  if (!wa_cli_parse_options ("info", "PACK", _("Describe a data pack."), entries, &argc, &argv, 1))
    return 2;
  if ((query = open_query_one (argv[1], full_model)) != NULL)
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
      if ((atlas = wa_cli_open_atlas (argv[1])) == NULL)
        return 1;
      whole_summarise (atlas, &summary);
      print_info (argv[1], atlas, &summary);
    }
  wa_pack_summary_clear (&summary);
  return 0;
}

/* ---- ward --------------------------------------------------------------- */

static char *
format_number (double value, int digits)
{
  return isnan (value) ? g_strdup ("-") : wa_format_score (value, digits);
}

char *
wa_cli_pad_left (const char *text, int width)
{
  int pad = MAX (width - (int) g_utf8_strlen (text, -1), 0);

  return g_strdup_printf ("%*s%s", pad, "", text);
}

static void
print_figure (WaAtlas *atlas, WaWard *ward, WaIndicator indicator)
{
  const WaFigure *f = wa_ward_get_figure (ward, indicator);
  g_autofree char *raw_score = format_number (f->score, 3);
  g_autofree char *score = wa_cli_pad_left (raw_score, 9);
  g_autofree char *extent = format_number (f->extent, 3);
  g_autofree char *proportion = format_number (f->proportion, 3);
  /* "1,837 of 6,817", as the app's panel writes it. */
  g_autofree char *rank = f->rank > 0 ? wa_format_rank_of (f->rank, wa_atlas_get_n_ranked (atlas, indicator))
                                      : g_strdup ("-");
  g_autofree char *decile = wa_cli_format_rank_grouped (f->decile);

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
      g_autofree char *rank = wa_cli_format_rank_grouped (wa_ward_get_combined_rank (other));
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

  if ((*query = open_query_one (path, full_model)) != NULL)
    {
      ward = wa_pack_query_lookup_ward (*query, code, &error);
      if (wa_pack_query_get_atlas (*query) != NULL)
        *atlas = g_object_ref (wa_pack_query_get_atlas (*query));
    }
  else
    {
      if ((*atlas = wa_cli_open_atlas (path)) == NULL)
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

  if (!wa_cli_parse_options ("ward", "PACK CODE", _("Show the full profile of one ward."),
                      entries, &argc, &argv, 2))
    return 2;
  if ((ward = find_ward (argv[1], argv[2], full_model, &query, &atlas)) == NULL)
    return 1;

  method = wa_rank_params_describe (wa_atlas_get_rank_params (atlas));
  /* As the app writes it ("1,837 of 6,784"): out of the wards with a
   * combined rank, not all wards. */
  combined = wa_format_rank_of (wa_ward_get_combined_rank (ward), count_combined_ranked (atlas));
  printf ("%s (%s)\n", wa_ward_get_name (ward), wa_ward_get_code (ward));
  printf ("  %-22s %s (%s)\n", _("Local authority:"), wa_cli_or_dash (wa_ward_get_lad_name (ward)),
          wa_cli_or_dash (wa_ward_get_lad_code (ward)));
  printf ("  %-22s %s\n", _("Region:"), wa_cli_or_dash (wa_ward_get_region_name (ward)));
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
  g_autofree char *rank = wa_cli_format_rank_grouped (wa_ward_get_combined_rank (ward));

  printf ("%s (%.6f, %.6f)\n", what, lon, lat);
  printf ("  %-18s %s (%s)\n", _("Ward:"), wa_ward_get_name (ward), wa_ward_get_code (ward));
  printf ("  %-18s %s\n", _("Local authority:"), wa_cli_or_dash (wa_ward_get_lad_name (ward)));
  printf ("  %-18s %s\n", _("Region:"), wa_cli_or_dash (wa_ward_get_region_name (ward)));
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
    *hit = whole_lookup_postcode (atlas, text, error);
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

  if (!wa_cli_parse_options ("locate", "PACK", _("Find the ward at a point or a postcode."),
                      entries, &argc, &argv, 1))
    return 2;
  if (!check_locate_options (lonlat, postcode, file, output, &lon, &lat))
    return 2;
  query = file != NULL ? open_query (argv[1], full_model) : open_query_one (argv[1], full_model);
  if (query == NULL && (atlas = wa_cli_open_atlas (argv[1])) == NULL)
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
