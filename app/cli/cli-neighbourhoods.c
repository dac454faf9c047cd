/* cli-neighbourhoods.c: `ward-atlas-cli neighbourhoods`, the LSOAs inside
 * wards and the left-behind neighbourhoods (wa-lsoa.h): England's figures,
 * one ward's neighbourhoods, or the published 2023 list against its
 * recomputations. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "wa-cli.h"
#include "wa-csv.h"
#include "ward-atlas-core.h"

static const char *
flag_text (int flag)
{
  return flag < 0 ? "-" : flag ? _("yes") : _("no");
}

static char *
decile_text (WaLsoas *lsoas, const WaLsoa *lsoa, WaIndicator indicator)
{
  guint decile = wa_lsoas_decile (lsoas, lsoa, indicator);

  return decile == 0 ? g_strdup ("-") : g_strdup_printf ("%u", decile);
}

static void
print_england (WaAtlas *atlas, WaLsoas *lsoas)
{
  gint64 population = 0, flagged_population[WA_N_LSOA_FLAGS] = { 0 };
  guint flagged[WA_N_LSOA_FLAGS] = { 0 };

  for (guint i = 0; i < wa_lsoas_get_n (lsoas); i++)
    {
      const WaLsoa *lsoa = wa_lsoas_get (lsoas, i);

      population += MAX (lsoa->population, 0);
      for (WaLsoaFlag f = 0; f < WA_N_LSOA_FLAGS; f++)
        if (wa_lsoas_flag (lsoas, lsoa, f) == 1)
          {
            flagged[f]++;
            flagged_population[f] += MAX (lsoa->population, 0);
          }
    }
  {
    g_autofree char *n = wa_format_count (wa_lsoas_get_n (lsoas));
    g_autofree char *residents = wa_format_count (population);

    printf ("%s\n", wa_edition_describe (wa_atlas_get_edition (atlas)));
    printf (_("%s neighbourhoods (LSOAs), %s residents\n\n"), n, residents);
  }
  for (WaLsoaFlag f = 0; f < WA_N_LSOA_FLAGS; f++)
    {
      g_autofree char *n = wa_format_count (flagged[f]);
      g_autofree char *residents = wa_format_count (flagged_population[f]);

      if (!wa_lsoas_has_flag (lsoas, f))
        continue;
      printf ("%s\n  ", wa_lsoa_flag_describe (f));
      printf (_("%s neighbourhoods, %s residents\n"), n, residents);
    }
}

static int
print_ward (WaAtlas *atlas, WaLsoas *lsoas, const char *code)
{
  WaWard *ward = wa_atlas_lookup_ward (atlas, code);
  WaLsoaWardSummary summary;
  const guint *indices;
  guint n;

  if (ward == NULL)
    {
      g_printerr (_("neighbourhoods: %s: no ward with code “%s”\n"), wa_atlas_get_path (atlas), code);
      return 1;
    }
  wa_lsoas_summarise_ward (lsoas, wa_ward_get_index (ward), &summary);
  indices = wa_lsoas_get_ward_lsoas (lsoas, wa_ward_get_index (ward), &n);
  printf ("%s (%s), %s\n", wa_ward_get_name (ward), wa_ward_get_code (ward), wa_ward_get_lad_name (ward));
  printf (_("%u neighbourhoods: %u in IMD decile 1, %u with CNI in the most deprived 10 %%\n"),
          summary.n_lsoas, summary.n_imd_decile1, summary.n_cni_top10);
  for (WaLsoaFlag f = 0; f < WA_N_LSOA_FLAGS; f++)
    if (!isnan (summary.share_flagged[f]))
      {
        g_autofree char *share = wa_format_percent (100 * summary.share_flagged[f]);

        printf (_("%s: %u, %s of residents\n"), wa_lsoa_flag_describe (f), summary.n_flagged[f], share);
      }
  printf ("\n%-10s %-28s %10s %4s %4s %-9s %-10s %-9s\n", _("Code"), _("Name"), _("Residents"),
          _("IMD"), _("CNI"), _("Published"), _("Reproduced"), _("Current"));
  for (guint i = 0; i < n; i++)
    {
      const WaLsoa *lsoa = wa_lsoas_get (lsoas, indices[i]);
      g_autofree char *residents = lsoa->population >= 0 ? wa_format_count (lsoa->population) : g_strdup ("-");
      g_autofree char *imd = decile_text (lsoas, lsoa, WA_INDICATOR_IMD);
      g_autofree char *cni = decile_text (lsoas, lsoa, WA_INDICATOR_CNI);

      printf ("%-10s %-28s %10s %4s %4s %-9s %-10s %-9s\n", lsoa->code, lsoa->name ? lsoa->name : "",
              residents, imd, cni, flag_text (wa_lsoas_flag (lsoas, lsoa, WA_LSOA_FLAG_PUBLISHED)),
              flag_text (wa_lsoas_flag (lsoas, lsoa, WA_LSOA_FLAG_REPRODUCED)),
              flag_text (wa_lsoas_flag (lsoas, lsoa, WA_LSOA_FLAG_CURRENT)));
    }
  return 0;
}

/* The LSOAs on which a recomputation and the published list differ, as
 * CSV, so a user can check each one. */
static int
print_comparison (WaAtlas *atlas, WaLsoas *lsoas)
{
  static const char *const header[] = {
    "lsoa_code", "lsoa_name", "ward_code", "ward_name", "published", "reproduced", "current",
    "cni_rank", "imd_decile",
  };
  g_autoptr(GString) out = g_string_new (NULL);
  guint differ[WA_N_LSOA_FLAGS] = { 0 };

  if (!wa_lsoas_has_flag (lsoas, WA_LSOA_FLAG_PUBLISHED))
    {
      g_printerr (_("neighbourhoods: %s: this edition has no published list of left-behind "
                    "neighbourhoods\n"), wa_atlas_get_path (atlas));
      return 1;
    }
  wa_csv_append_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < wa_lsoas_get_n (lsoas); i++)
    {
      const WaLsoa *lsoa = wa_lsoas_get (lsoas, i);
      int published = wa_lsoas_flag (lsoas, lsoa, WA_LSOA_FLAG_PUBLISHED);
      int reproduced = wa_lsoas_flag (lsoas, lsoa, WA_LSOA_FLAG_REPRODUCED);
      int current = wa_lsoas_flag (lsoas, lsoa, WA_LSOA_FLAG_CURRENT);
      WaWard *ward = wa_atlas_get_ward (atlas, lsoa->ward_index);
      g_autofree char *rank = g_strdup_printf ("%u", lsoa->rank[WA_INDICATOR_CNI]);
      g_autofree char *decile = decile_text (lsoas, lsoa, WA_INDICATOR_IMD);
      const char *row[] = {
        lsoa->code, lsoa->name, wa_ward_get_code (ward), wa_ward_get_name (ward),
        published == 1 ? "1" : "0", reproduced == 1 ? "1" : "0", current == 1 ? "1" : "0",
        rank, decile,
      };

      differ[WA_LSOA_FLAG_REPRODUCED] += (reproduced == 1) != (published == 1);
      differ[WA_LSOA_FLAG_CURRENT] += (current == 1) != (published == 1);
      if ((reproduced == 1) != (published == 1) || (current == 1) != (published == 1))
        wa_csv_append_row (out, row, G_N_ELEMENTS (row));
    }
  fputs (out->str, stdout);
  g_printerr (_("Against the published list: the reproduction differs on %u neighbourhoods, "
                "the current recomputation on %u\n"),
              differ[WA_LSOA_FLAG_REPRODUCED], differ[WA_LSOA_FLAG_CURRENT]);
  return 0;
}

int
wa_cli_neighbourhoods (int argc, char **argv)
{
  g_autofree char *ward = NULL;
  gboolean compare = FALSE;
  GOptionEntry entries[] = {
    { "ward", 'w', 0, G_OPTION_ARG_STRING, &ward, N_("List the neighbourhoods of the ward with this code"), "CODE" },
    { "compare-official", 0, 0, G_OPTION_ARG_NONE, &compare,
      N_("CSV of the neighbourhoods on which the recomputed lists and the published one differ"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(WaAtlas) atlas = NULL;
  WaLsoas *lsoas;

  if (!wa_cli_parse_options ("neighbourhoods", "PACK",
                             _("The neighbourhoods (LSOAs) inside wards and the left-behind "
                               "neighbourhoods: OCSI's published 2023 list, the same rule "
                               "recomputed from the data, and with the current indices."),
                             entries, &argc, &argv, 1))
    return 2;
  if (ward != NULL && compare)
    {
      g_printerr (_("neighbourhoods: --ward and --compare-official cannot be used together\n"));
      return 2;
    }
  if ((atlas = wa_cli_open_atlas (argv[1])) == NULL)
    return 1;
  lsoas = wa_atlas_get_lsoas (atlas);
  if (wa_lsoas_get_n (lsoas) == 0)
    {
      g_printerr (_("neighbourhoods: %s: the pack has no neighbourhoods layer (built before "
                    "schema 6, or without LSOA boundaries)\n"), argv[1]);
      return 1;
    }
  if (ward != NULL)
    return print_ward (atlas, lsoas, ward);
  if (compare)
    return print_comparison (atlas, lsoas);
  print_england (atlas, lsoas);
  return 0;
}
