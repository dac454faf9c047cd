/* cli-area.c: `ward-atlas-cli area`, the figures of custom areas
 * (wa-custom-area.h): each polygon of a boundary file, or a set of wards
 * or LSOAs given by code, as a table for people, CSV or JSON. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "wa-cli.h"
#include "wa-custom-area-export.h"
#include "wa-csv.h"
#include "wa-json.h"
#include "ward-atlas-core.h"

static gint64
rounded_population (const WaCustomAreaFigures *f)
{
  return (gint64) llround (f->population);
}

/* ---- text ------------------------------------------------------------- */

static void
print_text (WaAtlas *atlas, WaCustomArea *area, const WaCustomAreaFigures *f)
{
  WaAssets *assets = wa_atlas_get_assets (atlas);
  g_autofree char *residents = wa_format_count (rounded_population (f));
  g_autofree char *whole = wa_format_count (f->n_lsoas_whole);
  g_autofree char *split = wa_format_count (f->n_lsoas_split);

  printf ("%s\n", wa_custom_area_get_name (area));
  if (wa_custom_area_get_note (area) != NULL)
    printf ("  %s\n", wa_custom_area_get_note (area));
  printf (_("  Residents: %s%s\n"), residents,
          f->n_lsoas_split > 0 ? _(" (split neighbourhoods apportioned by area)") : "");
  printf (_("  Neighbourhoods (LSOAs): %s whole, %s split\n"), whole, split);
  printf (_("  Wards touched: %u ("), f->wards->len);
  for (guint w = 0; w < f->wards->len && w < 8; w++)
    printf ("%s%s", w > 0 ? ", " : "", wa_ward_get_name (g_ptr_array_index (f->wards, w)));
  printf ("%s)\n", f->wards->len > 8 ? ", …" : "");
  for (WaIndicator k = 0; k < WA_N_INDICATORS; k++)
    {
      g_autofree char *raw = NULL, *score = NULL, *rank = NULL;

      if (isnan (f->score[k]) && wa_indicator_is_overall (k))
        printf (_("  %-38s no neighbourhood figures in this edition\n"), wa_indicator_label (k));
      if (isnan (f->score[k]))
        continue;
      raw = wa_format_score (f->score[k], 2);
      score = wa_cli_pad_left (raw, 8);
      rank = wa_format_rank_of (f->would_rank[k], f->n_ranked[k]);
      printf (_("  %-38s %s  would rank %s wards\n"), wa_indicator_label (k), score, rank);
    }
  if (!isnan (f->share_imd_decile1))
    {
      g_autofree char *share = wa_format_percent (100 * f->share_imd_decile1);

      printf (_("  Residents in IMD decile-1 neighbourhoods: %s\n"), share);
    }
  if (!isnan (f->share_cni_top10))
    {
      g_autofree char *share = wa_format_percent (100 * f->share_cni_top10);

      printf (_("  Residents in CNI most deprived 10 %% neighbourhoods: %s\n"), share);
    }
  for (WaLsoaFlag flag = 0; flag < WA_N_LSOA_FLAGS; flag++)
    if (!isnan (f->share_flagged[flag]))
      {
        g_autofree char *share = wa_format_percent (100 * f->share_flagged[flag]);

        /* TRANSLATORS: the second %s is a flag id: published, reproduced, current */
        printf (_("  Residents in left-behind neighbourhoods (%s): %s\n"),
                wa_lsoa_flag_id (flag), share);
      }
  printf (_("  %-28s %7s %14s %14s\n"), _("Assets"), _("Places"), _("Per 1,000"), _("England"));
  for (WaAssetCategory c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    {
      const WaCustomAreaAssetFigures *a = &f->assets[c];
      g_autofree char *count = wa_format_count (a->count);
      g_autofree char *rate = wa_format_score (a->rate, 2);
      g_autofree char *england = wa_format_score (a->england_rate, 2);

      if (wa_assets_get_coverage_name (assets, c) == NULL)
        continue;
      if (!a->covered)
        printf ("  %-28s %7s\n", wa_asset_category_name (c), _("not covered"));
      else
        printf ("  %-28s %7s %14s %14s\n", wa_asset_category_name (c), count, rate, england);
    }
  printf ("\n");
}

static GStrv
split_codes (const char *text)
{
  return g_strsplit_set (text, ", ", -1);
}

int
wa_cli_area (int argc, char **argv)
{
  g_autofree char *boundary = NULL, *name_field = NULL, *wards = NULL, *lsoas = NULL;
  g_autofree char *format_text = NULL, *name = NULL;
  gboolean save = FALSE, saved = FALSE;
  GOptionEntry entries[] = {
    { "boundary", 'b', 0, G_OPTION_ARG_FILENAME, &boundary,
      N_("Boundary file (GeoJSON, GeoPackage, Shapefile, KML): one area per polygon feature"), "FILE" },
    { "name-field", 0, 0, G_OPTION_ARG_STRING, &name_field,
      N_("Field that names the areas of the boundary file (default: guessed)"), "FIELD" },
    { "wards", 'w', 0, G_OPTION_ARG_STRING, &wards, N_("An area made of these wards"), "CODE,CODE" },
    { "lsoas", 'l', 0, G_OPTION_ARG_STRING, &lsoas,
      N_("An area made of these neighbourhoods (LSOAs)"), "CODE,CODE" },
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name, N_("Name of a --wards or --lsoas area"), "NAME" },
    { "saved", 0, 0, G_OPTION_ARG_NONE, &saved,
      N_("The areas saved in the app's “My areas” (or $WARD_ATLAS_AREAS_FILE)"), NULL },
    { "save", 0, 0, G_OPTION_ARG_NONE, &save,
      N_("Also save the areas whose figures could be computed to “My areas”"), NULL },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, N_("text (default), csv or json"), "FORMAT" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GPtrArray) areas = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = NULL;
  g_autoptr(JsonBuilder) json = NULL;
  g_autoptr(GPtrArray) to_save = g_ptr_array_new ();
  WaCliFormat format = WA_CLI_FORMAT_TABLE;
  int status = 0;

  if (!wa_cli_parse_options ("area", "PACK",
                             _("Figures for custom areas, computed from the neighbourhoods "
                               "(LSOAs) inside them: residents, population-weighted IMD and CNI "
                               "scores placed among the wards, shares of residents in the most "
                               "deprived neighbourhoods, and assets. A polygon counts the share "
                               "of each neighbourhood's area inside it."),
                             entries, &argc, &argv, 1))
    return 2;
  if (format_text != NULL && strcmp (format_text, "text") == 0)
    g_clear_pointer (&format_text, g_free);
  if (!wa_cli_parse_format ("area", format_text, &format))
    return 2;
  if ((boundary != NULL) + (wards != NULL) + (lsoas != NULL) + saved != 1)
    {
      g_printerr (_("area: give exactly one of --boundary, --wards, --lsoas and --saved\n"));
      return 2;
    }
  if (save && saved)
    {
      g_printerr (_("area: --save and --saved cannot be used together\n"));
      return 2;
    }
  if (name_field != NULL && boundary == NULL)
    {
      g_printerr (_("area: --name-field goes with --boundary\n"));
      return 2;
    }
  if (saved)
    {
      g_autofree char *store = wa_custom_areas_default_path ();

      if ((areas = wa_custom_areas_load (store, &error)) == NULL)
        {
          g_printerr ("area: %s\n", error->message);
          return 1;
        }
      if (areas->len == 0)
        {
          g_printerr (_("area: %s: no saved areas\n"), store);
          return 1;
        }
    }
  else if (boundary != NULL)
    {
      if (!wa_custom_area_import (boundary, name_field, &areas, &error))
        {
          g_printerr ("area: %s\n", error->message);
          return 1;
        }
    }
  else
    {
      g_auto(GStrv) codes = split_codes (wards != NULL ? wards : lsoas);

      areas = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (areas, wards != NULL
                       ? wa_custom_area_new_wards (name != NULL ? name : _("Selected wards"),
                                                   (const char *const *) codes)
                       : wa_custom_area_new_lsoas (name != NULL ? name : _("Selected neighbourhoods"),
                                                   (const char *const *) codes));
    }
  if ((atlas = wa_cli_open_atlas (argv[1])) == NULL)
    return 1;

  if (format == WA_CLI_FORMAT_CSV)
    {
      csv = g_string_new (NULL);
      wa_custom_area_csv_append_header (csv, FALSE);
    }
  else if (format == WA_CLI_FORMAT_JSON)
    {
      json = json_builder_new ();
      json_builder_begin_object (json);
      wa_json_add_string (json, "edition", wa_edition_to_string (wa_atlas_get_edition (atlas)));
      json_builder_set_member_name (json, "areas");
      json_builder_begin_array (json);
    }
  for (guint i = 0; i < areas->len; i++)
    {
      WaCustomArea *area = g_ptr_array_index (areas, i);
      WaCustomAreaFigures figures;
      g_autoptr(GError) local = NULL;

      if (!wa_custom_area_compute (atlas, area, &figures, &local))
        {
          g_printerr ("area: %s\n", local->message);
          status = 1;
          continue;
        }
      if (save)
        g_ptr_array_add (to_save, area);
      if (format == WA_CLI_FORMAT_CSV)
        wa_custom_area_csv_append_row (csv, atlas, area, &figures, FALSE);
      else if (format == WA_CLI_FORMAT_JSON)
        wa_custom_area_json_add (json, atlas, area, &figures);
      else
        print_text (atlas, area, &figures);
      wa_custom_area_figures_clear (&figures);
    }
  if (to_save->len > 0)
    {
      g_autofree char *store = wa_custom_areas_default_path ();

      if (!wa_custom_areas_save_all (store, to_save, &error))
        {
          g_printerr ("area: %s\n", error->message);
          status = 1;
        }
      else
        g_printerr (_("area: saved %u areas in %s\n"), to_save->len, store);
    }
  if (csv != NULL)
    fputs (csv->str, stdout);
  if (json != NULL)
    {
      g_autofree char *text = NULL;

      json_builder_end_array (json);
      json_builder_end_object (json);
      text = wa_json_to_string (json);
      fputs (text, stdout);
    }
  return status;
}
