/* wa-briefing-benchmark.c: the national briefing's social infrastructure
 * page, the APPG's three-way benchmark ("left-behind areas have 1.1
 * charities per 100,000 residents against 2.0 in other deprived areas and
 * 2.8 across England"): for each category whose data covers all of
 * England, the rate in left-behind wards, in other deprived wards and in
 * England, and the share of left-behind wards below England's rate, one
 * table per edition under its rank method. The figures are
 * wa_asset_benchmark_dup_rows', as `ward-atlas-cli benchmark` prints them
 * and the app's England overview shows them, with one decimal. */
#include <math.h>
#include <glib/gi18n.h>

#include "wa-asset-benchmark.h"
#include "wa-briefing-private.h"
#include "wa-format.h"

static char *
rate_text (double rate)
{
  return isnan (rate) ? g_strdup ("–") : wa_format_score (rate, 1);
}

/* "40% (90 of 225)". */
static char *
below_text (const WaBenchmarkRow *row)
{
  g_autofree char *percent = NULL, *n = NULL, *of = NULL;

  if (isnan (row->share_left_behind_below))
    return g_strdup ("–");
  percent = wa_format_percent (round (row->share_left_behind_below * 100));
  n = wa_format_count (row->n_left_behind_below);
  of = wa_format_count (row->groups[WA_BENCHMARK_LEFT_BEHIND].n_wards);
  /* Translators: a share of the left-behind wards, then how many of how many. */
  return g_strdup_printf (_("%s (%s of %s)"), percent, n, of);
}

static void
add_edition_table (WaPageLayout *doc, WaAtlas *atlas, GArray *rows)
{
  static const double widths[] = { 0.25, 0.16, 0.18, 0.12, 0.29 };
  static const PangoAlignment aligns[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
                                           PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT };
  const char *headers[] = { _("Category"), _("Left-behind wards"), _("Other deprived wards"),
                            _("England"), _("Left-behind wards below England") };
  g_autofree char *heading = wa_briefing_edition_text (atlas);
  g_autofree char *method = wa_briefing_method_sentence (atlas);
  WaTable *table;

  wa_page_layout_add_heading (doc, heading, 2);
  wa_briefing_add_markup (doc, 0, "%s", method);
  if (rows->len == 0)
    {
      wa_page_layout_add_paragraph (doc, _("This edition’s pack holds no social infrastructure "
                                           "data covering all of England."), 0);
      return;
    }
  table = wa_page_layout_add_table (doc, NULL, G_N_ELEMENTS (headers), headers, widths, aligns);
  for (guint i = 0; i < rows->len; i++)
    {
      const WaBenchmarkRow *row = &g_array_index (rows, WaBenchmarkRow, i);
      g_autofree char *lb = rate_text (row->groups[WA_BENCHMARK_LEFT_BEHIND].rate);
      g_autofree char *deprived = rate_text (row->groups[WA_BENCHMARK_OTHER_DEPRIVED].rate);
      g_autofree char *england = rate_text (row->england.rate);
      g_autofree char *below = below_text (row);
      const char *cells[] = { wa_asset_category_name (row->category), lb, deprived, england, below };

      wa_table_add_row (table, cells, WA_ROW_NORMAL);
    }
  {
    const WaBenchmarkRow *row = &g_array_index (rows, WaBenchmarkRow, 0);
    g_autofree char *lb = wa_format_count (row->groups[WA_BENCHMARK_LEFT_BEHIND].n_wards);
    g_autofree char *deprived = wa_format_count (row->groups[WA_BENCHMARK_OTHER_DEPRIVED].n_wards);
    g_autofree char *all = wa_format_count (row->england.n_wards);
    g_autofree char *residents = wa_format_population_short (row->england.residents);

    wa_briefing_add_markup (doc, 7.5,
                            _("Places per 100,000 residents. Wards compared: %s left behind, %s "
                              "other deprived, %s in England (%s residents)."),
                            lb, deprived, all, residents);
  }
}

/* "Sources: Basic dataset for libraries in England, 2010-2023 (Arts
 * Council England, via LibrariesHacked); …": the national datasets, each
 * once over the editions. */
static void
add_sources_line (WaPageLayout *doc, WaAtlas * const *atlases, guint n_atlases)
{
  g_autoptr(GString) run = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint a = 0; a < n_atlases; a++)
    {
      GPtrArray *datasets = wa_assets_get_datasets (wa_atlas_get_assets (atlases[a]));

      for (guint d = 0; d < datasets->len; d++)
        {
          const WaAssetDataset *set = g_ptr_array_index (datasets, d);

          if (set->coverage_lads != NULL || set->categories == 0
              || !g_hash_table_add (seen, set->id))
            continue;
          /* The titles name their publishers. */
          g_string_append_printf (run, "%s%s", run->len > 0 ? "; " : "",
                                  set->title != NULL ? set->title : set->id);
        }
    }
  if (run->len == 0)
    return;
  wa_briefing_add_markup (doc, 7.5,
                          _("Sources: %s. Residents and ranks: each edition’s wards, IMD and "
                            "CNI, listed under “Sources”."),
                          run->str);
}

void
wa_briefing_add_benchmark (WaPageLayout *doc, WaAtlas * const *atlases, guint n_atlases)
{
  wa_page_layout_add_page_break (doc);
  wa_page_layout_add_heading (doc, _("Social infrastructure: the three-way benchmark"), 1);
  wa_briefing_add_markup (doc, 0,
                          _("Left-behind wards against other deprived wards and England, as the "
                            "All-Party Parliamentary Group for “left behind” neighbourhoods "
                            "compares them, for every category whose data covers all of England. "
                            "%s"),
                          wa_asset_benchmark_definition ());
  for (guint a = 0; a < n_atlases; a++)
    {
      g_autoptr(GArray) rows = wa_asset_benchmark_dup_rows (atlases[a]);

      add_edition_table (doc, atlases[a], rows);
    }
  add_sources_line (doc, atlases, n_atlases);
}
