/* wa-briefing-assets.c: the briefing's social infrastructure section,
 * from the pack's asset summary (wa-asset.h): each category's count and
 * rate per 1,000 residents against the median ward of England, of similar
 * wards and of left-behind wards, grouped by the CNI's domains, and what
 * the pack's asset data does not cover. */
#include <math.h>
#include <glib/gi18n.h>

#include "wa-asset.h"
#include "wa-briefing-private.h"
#include "wa-format.h"
#include "wa-user-list.h"

static char *
rate_text (double rate)
{
  return isnan (rate) ? g_strdup ("–") : wa_format_score (rate, 2);
}

static void
add_no_asset_data (WaPageLayout *doc, WaWard *ward)
{
  g_autofree char *name = g_markup_escape_text (wa_ward_get_name (ward), -1);
  g_autofree char *text = NULL;

  text = g_strdup_printf (_("<b>No asset data in this pack.</b> This data pack holds no "
                            "social infrastructure (community asset) data, so the places "
                            "to meet, civic assets and community organisations in %s "
                            "cannot be counted or compared with England and similar wards "
                            "here. The Community Needs Index's Civic Assets, Connectedness "
                            "and Active and Engaged Community domains above are the "
                            "closest measures available."), name);
  wa_page_layout_add_paragraph (doc, text, 0);
}

/* A category whose data covers only some areas has its medians over
 * those areas' wards: marked, and explained under the table. */
static gboolean
local_coverage (const char *coverage)
{
  return coverage != NULL && g_strcmp0 (coverage, "England") != 0;
}

static void
string_free (gpointer string)
{
  g_string_free (string, TRUE);
}

/* Not-covered categories, grouped by where their data do exist:
 * coverage name (or "") -> GString of category names. */
static void
note_not_covered (GHashTable *groups, GPtrArray *order, const char *coverage,
                  WaAssetCategory category)
{
  const char *key = coverage != NULL ? coverage : "";
  GString *names = g_hash_table_lookup (groups, key);

  if (names == NULL)
    {
      names = g_string_new (NULL);
      g_hash_table_insert (groups, g_strdup (key), names);
      g_ptr_array_add (order, g_strdup (key));
    }
  g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "",
                          wa_asset_category_name (category));
}

static char *
not_covered_text (GHashTable *groups, GPtrArray *order)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < order->len; i++)
    {
      const char *coverage = g_ptr_array_index (order, i);
      GString *names = g_hash_table_lookup (groups, coverage);

      if (text->len > 0)
        g_string_append (text, "; ");
      if (*coverage == '\0')
        g_string_append_printf (text, _("no data in this pack: %s"), names->str);
      else
        g_string_append_printf (text, _("data for %s only: %s"), coverage, names->str);
    }
  return g_string_free (text, FALSE);
}

static void
add_category_row (WaTable *table, WaAssets *assets, const WaAssetStat *s, gboolean *any_local)
{
  const char *coverage = wa_assets_get_coverage_name (assets, s->category);
  g_autofree char *label = g_strdup_printf ("    %s%s", wa_asset_category_name (s->category),
                                            local_coverage (coverage) ? " *" : "");
  g_autofree char *count = wa_format_count (s->count);
  g_autofree char *rate = rate_text (s->rate);
  g_autofree char *england = rate_text (s->england_median);
  g_autofree char *similar = rate_text (s->similar_median);
  g_autofree char *left_behind = rate_text (s->left_behind_median);
  const char *cells[] = { label, count, rate, england, similar, left_behind };

  *any_local |= local_coverage (coverage);
  wa_table_add_row (table, cells, WA_ROW_NORMAL);
}

static void
add_asset_table (WaPageLayout *doc, WaAtlas *atlas, WaWard *ward)
{
  static const double widths[] = { 0.34, 0.10, 0.12, 0.14, 0.15, 0.15 };
  static const PangoAlignment aligns[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
                                           PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
                                           PANGO_ALIGN_RIGHT };
  const char *headers[] = { _("Domain and category"), _("Places"), _("Per 1,000"),
                            _("England median"), _("Similar wards median"),
                            _("Left-behind median") };
  WaAssets *assets = wa_atlas_get_assets (atlas);
  WaAssetStat stats[WA_N_ASSET_CATEGORIES];
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        string_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  gboolean any_local = FALSE;
  WaTable *table;

  wa_assets_summarise (assets, wa_ward_get_index (ward), stats);
  table = wa_page_layout_add_table (doc, NULL, 6, headers, widths, aligns);
  for (int d = 0; d < WA_N_ASSET_DOMAINS; d++)
    {
      const char *cells[] = { wa_asset_domain_name (d), "", "", "", "", "" };
      gboolean any_covered = FALSE;

      for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
        any_covered |= wa_asset_category_domain (c) == (WaAssetDomain) d && stats[c].covered;
      if (any_covered)
        wa_table_add_row (table, cells, WA_ROW_BOLD);
      for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
        if (wa_asset_category_domain (c) != (WaAssetDomain) d)
          continue;
        else if (stats[c].covered)
          add_category_row (table, assets, &stats[c], &any_local);
        else
          note_not_covered (groups, order, wa_assets_get_coverage_name (assets, c), c);
    }
  if (wa_table_get_n_rows (table) == 0)
    {
      const char *cells[] = { _("No category is covered for this ward"), "", "", "", "", "" };

      wa_table_add_row (table, cells, WA_ROW_NORMAL);
    }
  if (any_local)
    wa_page_layout_add_paragraph (doc, _("* Its data covers only some areas: its medians are "
                                         "over the wards those data cover."), 7.5);
  if (order->len > 0)
    {
      g_autofree char *list = not_covered_text (groups, order);
      g_autofree char *escaped = g_markup_escape_text (list, -1);
      g_autofree char *text = g_strdup_printf (_("<b>Not covered</b> for this ward, so not "
                                                 "counted (not the same as none): %s."),
                                               escaped);

      wa_page_layout_add_paragraph (doc, text, 7.5);
    }
}

void
wa_briefing_add_social_infrastructure (WaPageLayout *doc, WaAtlas *atlas, WaWard *ward)
{
  WaAssets *assets = wa_atlas_get_assets (atlas);
  g_autofree char *intro = NULL;

  wa_page_layout_add_heading (doc, _("Social infrastructure"), 1);
  if (assets == NULL || wa_assets_get_datasets (assets)->len == 0)
    {
      add_no_asset_data (doc, ward);
      return;
    }
  intro = g_markup_printf_escaped (_("Places in the ward by the Community Needs Index's domains, "
                                     "with rates per 1,000 residents against the median ward "
                                     "of England, of similar wards (%s) and of left-behind "
                                     "wards under this briefing's method. Medians use only the "
                                     "wards each category's data covers."),
                                   wa_assets_similar_definition ());
  wa_page_layout_add_paragraph (doc, intro, 8.5);
  add_asset_table (doc, atlas, ward);
}

/* ---- the user's own lists ----------------------------------------------- */

void
wa_briefing_add_user_lists (WaPageLayout *doc, WaAtlas *atlas, WaWard *ward, GPtrArray *lists)
{
  static const double widths[] = { 0.40, 0.12, 0.14, 0.16, 0.18 };
  static const PangoAlignment aligns[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
                                           PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT };
  const char *headers[] = { _("List"), _("Places"), _("Per 1,000"), _("England"),
                            _("Similar wards") };
  WaTable *table;

  wa_page_layout_add_heading (doc, _("Your lists"), 2);
  wa_page_layout_add_paragraph (doc, _("Places from lists imported into Ward Atlas (not from the "
                                       "data pack), counted in the ward, with the rate per 1,000 "
                                       "residents against England's (all the list's places over "
                                       "all residents) and the similar wards'."), 8.5);
  table = wa_page_layout_add_table (doc, NULL, 5, headers, widths, aligns);
  for (guint i = 0; i < lists->len; i++)
    {
      WaUserList *list = g_ptr_array_index (lists, i);
      WaAssetStat stat;
      g_autofree char *count = NULL, *rate = NULL, *england = NULL, *similar = NULL;

      wa_user_list_summarise (list, atlas, wa_ward_get_index (ward), &stat);
      count = wa_format_count (stat.count);
      rate = rate_text (stat.rate);
      england = rate_text (stat.england_rate);
      similar = rate_text (stat.similar_rate);
      {
        const char *cells[] = { wa_user_list_get_name (list), count, rate, england, similar };

        wa_table_add_row (table, cells, WA_ROW_NORMAL);
      }
    }
}

/* ---- for a council or region ------------------------------------------ */

typedef struct {
  guint count;
  gint64 population;       /* of the covered wards with a known population */
  guint n_covered;
} AreaTotal;

static void
sum_area (WaAssets *assets, GPtrArray *wards, AreaTotal totals[WA_N_ASSET_CATEGORIES])
{
  for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    totals[c] = (AreaTotal) { 0 };
  for (guint i = 0; i < wards->len; i++)
    {
      WaWard *ward = g_ptr_array_index (wards, i);
      guint index = wa_ward_get_index (ward);
      gint64 population = wa_ward_get_population (ward);

      for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
        if (wa_assets_is_covered (assets, index, c))
          {
            totals[c].count += wa_assets_get_count (assets, index, c);
            totals[c].population += MAX (population, 0);
            totals[c].n_covered++;
          }
    }
}

void
wa_briefing_add_area_social_infrastructure (WaPageLayout *doc, WaAtlas *atlas, GPtrArray *wards)
{
  static const double widths[] = { 0.38, 0.14, 0.14, 0.16, 0.18 };
  static const PangoAlignment aligns[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
                                           PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT };
  const char *headers[] = { _("Domain and category"), _("Places"), _("Per 1,000"),
                            _("England median ward"), _("Wards covered") };
  WaAssets *assets = wa_atlas_get_assets (atlas);
  AreaTotal totals[WA_N_ASSET_CATEGORIES];
  WaAssetStat stats[WA_N_ASSET_CATEGORIES];
  g_autoptr(GString) missing = g_string_new (NULL);
  WaTable *table;

  wa_page_layout_add_heading (doc, _("Social infrastructure"), 1);
  if (assets == NULL || wa_assets_get_datasets (assets)->len == 0 || wards->len == 0)
    {
      wa_page_layout_add_paragraph (doc, _("<b>No asset data in this pack.</b> Places to meet, "
                                           "civic assets and community organisations cannot "
                                           "be counted here."), 0);
      return;
    }
  sum_area (assets, wards, totals);
  /* England medians do not depend on the ward asked about. */
  wa_assets_summarise (assets, wa_ward_get_index (g_ptr_array_index (wards, 0)), stats);
  wa_page_layout_add_paragraph (doc, _("Places in the area's wards that the pack's asset data "
                                       "cover, with the rate per 1,000 of those wards' "
                                       "residents against the median ward of England."), 8.5);
  table = wa_page_layout_add_table (doc, NULL, 5, headers, widths, aligns);
  for (int d = 0; d < WA_N_ASSET_DOMAINS; d++)
    {
      const char *domain_cells[] = { wa_asset_domain_name (d), "", "", "", "" };
      gboolean header_added = FALSE;

      for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
        {
          g_autofree char *label = NULL, *count = NULL, *rate = NULL, *england = NULL;
          g_autofree char *covered = NULL;

          if (wa_asset_category_domain (c) != (WaAssetDomain) d)
            continue;
          if (totals[c].n_covered == 0)
            {
              g_string_append_printf (missing, "%s%s", missing->len > 0 ? ", " : "",
                                      wa_asset_category_name (c));
              continue;
            }
          if (!header_added)
            wa_table_add_row (table, domain_cells, WA_ROW_BOLD);
          header_added = TRUE;
          label = g_strconcat ("    ", wa_asset_category_name (c), NULL);
          count = wa_format_count (totals[c].count);
          rate = rate_text (wa_asset_rate (totals[c].count, totals[c].population));
          england = rate_text (stats[c].england_median);
          /* "1,050 of 1,204" wards: n_covered > 0 here. */
          covered = wa_format_rank_of (totals[c].n_covered, wards->len);
          {
            const char *cells[] = { label, count, rate, england, covered };

            wa_table_add_row (table, cells, WA_ROW_NORMAL);
          }
        }
    }
  if (wa_table_get_n_rows (table) == 0)
    {
      const char *cells[] = { _("No category is covered in this area"), "", "", "", "" };

      wa_table_add_row (table, cells, WA_ROW_NORMAL);
    }
  if (missing->len > 0)
    {
      g_autofree char *escaped = g_markup_escape_text (missing->str, -1);
      g_autofree char *text = g_strdup_printf (_("<b>Not covered</b> anywhere in this area, so "
                                                 "not counted (not the same as none): %s."),
                                               escaped);

      wa_page_layout_add_paragraph (doc, text, 7.5);
    }
}
