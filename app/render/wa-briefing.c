/* wa-briefing.c: the PDF briefing for a ward, and the words and parts it
 * shares with the briefing for a council or region (wa-briefing-area.c);
 * laying out pages and writing the PDF is wa-briefing-output.c.
 *
 * The briefing is built as a page layout of blocks when it is made, with
 * every number already in words; drawing afterwards reads only that, the
 * map style snapshot and the atlas's immutable geometry.
 */
#include <math.h>
#include <cairo-pdf.h>
#include <glib/gi18n.h>

#include "wa-area-summary.h"
#include "wa-asset.h"
#include "wa-briefing-figures.h"
#include "wa-briefing-private.h"
#include "wa-error.h"
#include "wa-change.h"
#include "wa-format.h"
#include "wa-map-style.h"

/* Method and sources are reference matter: smaller than the body. */
#define DEF_SIZE 7.5

/* ---- words for numbers ------------------------------------------------ */

char *
wa_briefing_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%-d %B %Y");
}

char *
wa_briefing_rank_or_dash (guint rank)
{
  return rank > 0 ? wa_format_count (rank) : g_strdup ("–");
}

char *
wa_briefing_median_text (double value)
{
  return isnan (value) ? g_strdup ("–") : wa_format_count ((gint64) round (value));
}

static char *
population_text (gint64 population)
{
  return population >= 0 ? wa_format_count (population) : g_strdup (_("Not known"));
}

/* "in the most deprived 2.8 % of wards" style share: rank / n as a percentage. */
static char *
top_share (guint rank, guint n)
{
  double pct = n > 0 ? ceil (rank * 1000.0 / n) / 10 : 0;

  return wa_format_percent (MAX (pct, 0.1));
}

static char *
share_of (guint part, guint whole)
{
  g_autofree char *a = wa_format_count (part);
  g_autofree char *b = wa_format_count (whole);
  g_autofree char *pct = wa_format_percent (whole > 0 ? round (part * 1000.0 / whole) / 10 : 0);

  /* Translators: "12 of 17 (70.6 %)". */
  return g_strdup_printf (_("%s of %s (%s)"), a, b, pct);
}

char *
wa_briefing_edition_text (WaAtlas *atlas)
{
  /* Translators: e.g. "Edition 2019: Wards 2017, IMD 2019, CNI 2019". */
  return g_strdup_printf (_("Edition %s"), wa_edition_describe (wa_atlas_get_edition (atlas)));
}

char *
wa_briefing_method_sentence (WaAtlas *atlas)
{
  const WaRankParams *params = wa_atlas_get_rank_params (atlas);
  g_autofree char *words = wa_rank_params_describe (params);

  return g_strdup_printf (_("Method: %s"), words);
}

/* A paragraph from a printf format; the arguments are escaped by
 * g_markup_vprintf_escaped. */
void
wa_briefing_add_markup (WaPageLayout *doc, double size, const char *format, ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_markup_vprintf_escaped (format, args);
  va_end (args);
  wa_page_layout_add_paragraph (doc, text, size);
}

/* ---- the parts both briefings share ----------------------------------- */

/* The footer points to the attribution rather than repeating it: the map
 * carries the attribution its drawing needs and "Method and sources" every
 * dataset's full line, and four lines of it on every page cost a briefing
 * its third-page fit. */
void
wa_briefing_add_furniture (WaBriefing *b, WaAtlas *atlas)
{
  g_autofree char *edition = wa_briefing_edition_text (atlas);
  g_autofree char *header = g_strdup_printf ("%s · %s", b->title, edition);
  g_autofree char *footer = g_strdup_printf (_("Sources, licences and full attribution: see "
                                               "“Method and sources”. Made with Ward Atlas %s."),
                                             WA_VERSION);

  wa_page_layout_set_running_header (b->doc, header);
  wa_page_layout_set_footer (b->doc, footer);
}

static void
add_definitions (WaPageLayout *doc, WaAtlas *atlas)
{
  const WaRankParams *params = wa_atlas_get_rank_params (atlas);
  g_autofree char *words = wa_rank_params_describe (params);
  const char *note;

  wa_briefing_add_markup (doc, DEF_SIZE, "<b>%s</b> %s", _("Index of Multiple Deprivation (IMD)."),
              _("The English Indices of Deprivation (MHCLG) measure relative deprivation in "
                "small areas (LSOAs) across seven domains: income; employment; education, "
                "skills and training; health and disability; crime; barriers to housing and "
                "services; living environment."));
  note = wa_atlas_get_indicator_note (atlas, WA_INDICATOR_IMD);
  if (note != NULL && *note != '\0')
    wa_briefing_add_markup (doc, 7, "<i>%s</i> %s", _("Ward figures:"), note);
  wa_briefing_add_markup (doc, DEF_SIZE, "<b>%s</b> %s", _("Community Needs Index (CNI)."),
              _("Produced by OCSI for Local Trust, the CNI measures the social and cultural "
                "factors that shape a community's outcomes, in three domains: civic assets "
                "(places to meet and community services nearby), connectedness (transport, "
                "digital and access to jobs and services) and an active and engaged community "
                "(third sector activity and participation)."));
  note = wa_atlas_get_indicator_note (atlas, WA_INDICATOR_CNI);
  if (note != NULL && *note != '\0')
    wa_briefing_add_markup (doc, 7, "<i>%s</i> %s", _("Ward figures:"), note);
  wa_briefing_add_markup (doc, DEF_SIZE, "<b>%s</b> %s <b>%s</b> %s", _("Combined rank and “left behind”."),
              wa_rank_method_describe (params->method), _("In this briefing:"), words);
  if (wa_rank_method_uses_threshold (params->method))
    {
      g_autofree char *threshold = wa_format_percent (params->threshold_percent);
      g_autofree char *tenth = wa_format_percent (10);

      wa_briefing_add_markup (doc, DEF_SIZE, _("Threshold: %s. The 2019 definition by OCSI for Local Trust "
                            "(225 wards) uses the %s most deprived on both indices."),
                  threshold, tenth);
    }
}

static const char *
source_licence (const WaSourceInfo *s)
{
  return s->licence != NULL && *s->licence != '\0' ? s->licence : _("not stated");
}

/* Each dataset with its publisher, grouped under its licence (most share
 * a few): the licence is said once per group rather than thirty times.
 * A group's heading is part of its first item, so it never ends a column. */
static void
add_source_items (GPtrArray *items, GPtrArray *sources)
{
  g_autoptr(GPtrArray) licences = g_ptr_array_new ();

  for (guint i = 0; i < sources->len; i++)
    {
      const char *licence = source_licence (g_ptr_array_index (sources, i));

      if (!g_ptr_array_find_with_equal_func (licences, licence, g_str_equal, NULL))
        g_ptr_array_add (licences, (gpointer) licence);
    }
  for (guint l = 0; l < licences->len; l++)
    {
      gboolean first = TRUE;

      for (guint i = 0; i < sources->len; i++)
        {
          const WaSourceInfo *s = g_ptr_array_index (sources, i);
          g_autofree char *heading = NULL, *item = NULL;

          if (!g_str_equal (source_licence (s), g_ptr_array_index (licences, l)))
            continue;
          heading = first ? g_markup_printf_escaped ("<span foreground=\"#1c3657\"><b>%s: "
                                                     "%s</b></span>\n", _("Licence"),
                                                     source_licence (s))
                          : g_strdup ("");
          item = g_markup_printf_escaped ("%s. <i>%s</i>.", s->title != NULL ? s->title : s->id,
                                          s->publisher != NULL ? s->publisher
                                                               : _("Publisher not recorded"));
          g_ptr_array_add (items, g_strconcat (heading, item, NULL));
          first = FALSE;
        }
    }
}

/* Whether any of the wards lies in the dataset's coverage (a local asset
 * dataset covers a few councils; the others cover England). */
static gboolean
dataset_covers (const WaAssetDataset *d, GPtrArray *wards)
{
  if (d->coverage_lads == NULL)
    return TRUE;
  for (guint i = 0; i < wards->len; i++)
    if (g_strv_contains ((const char * const *) d->coverage_lads,
                         wa_ward_get_lad_code (g_ptr_array_index (wards, i))))
      return TRUE;
  return FALSE;
}

static const WaAssetDataset *
find_dataset (WaAtlas *atlas, const char *id)
{
  GPtrArray *datasets = wa_assets_get_datasets (wa_atlas_get_assets (atlas));

  for (guint i = 0; datasets != NULL && i < datasets->len; i++)
    {
      const WaAssetDataset *d = g_ptr_array_index (datasets, i);

      if (g_strcmp0 (d->id, id) == 0)
        return d;
    }
  return NULL;
}

/* The sources that say something about the wards (all of them for NULL);
 * the local asset datasets covering none of them go to left_out, as the
 * names of the areas they cover, each once. */
static GPtrArray *
contributing_sources (WaAtlas *atlas, GPtrArray *wards, GPtrArray *left_out, guint *n_left_out)
{
  GPtrArray *sources = wa_atlas_get_sources (atlas);
  GPtrArray *kept = g_ptr_array_new ();

  *n_left_out = 0;
  for (guint i = 0; i < sources->len; i++)
    {
      const WaSourceInfo *s = g_ptr_array_index (sources, i);
      const WaAssetDataset *d = wards != NULL ? find_dataset (atlas, s->id) : NULL;

      /* Briefings draw no neighbourhood boundary (their figures come from
       * the ward tables' sources, listed anyway). */
      if (wa_change_is_crosswalk_role (s->role) || g_strcmp0 (s->role, "lsoa-boundaries") == 0)
        continue;
      if (d == NULL || dataset_covers (d, wards))
        {
          g_ptr_array_add (kept, (gpointer) s);
          continue;
        }
      (*n_left_out)++;
      if (d->coverage_name != NULL
          && !g_ptr_array_find_with_equal_func (left_out, d->coverage_name, g_str_equal, NULL))
        g_ptr_array_add (left_out, d->coverage_name);
    }
  return kept;
}

static void
add_sources (WaPageLayout *doc, WaAtlas *atlas, GPtrArray *wards)
{
  g_auto(GStrv) attributions = wa_atlas_dup_attributions (atlas);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) left_out = g_ptr_array_new ();
  const char *vintages = wa_atlas_get_metadata (atlas, "vintages");
  const char *built = wa_atlas_get_metadata (atlas, "build_date");
  guint n_left_out;
  g_autoptr(GPtrArray) sources = contributing_sources (atlas, wards, left_out, &n_left_out);

  wa_page_layout_add_heading (doc, _("Data and sources"), 2);
  wa_briefing_add_markup (doc, DEF_SIZE, _("<b>Edition %s</b>; vintages: %s; data pack built %s. "
                               "Each dataset this briefing draws on, its publisher and its licence:"),
              wa_edition_describe (wa_atlas_get_edition (atlas)),
              vintages != NULL ? vintages : _("not recorded"),
              built != NULL ? built : _("not recorded"));
  add_source_items (items, sources);
  if (n_left_out > 0)
    {
      /* Those left out in one item of the list: a briefing near its page
       * limit has no room for another paragraph. */
      g_autofree char *areas = NULL;

      g_ptr_array_add (left_out, NULL);
      areas = g_strjoinv (", ", (char **) left_out->pdata);
      g_ptr_array_add (items, g_markup_printf_escaped (ngettext ("<i>Not listed: %u local asset "
                                                                 "dataset covering other areas: "
                                                                 "%s.</i>",
                                                                 "<i>Not listed: %u local asset "
                                                                 "datasets covering other areas: "
                                                                 "%s.</i>", n_left_out),
                                                       n_left_out, areas));
    }
  wa_page_layout_add_columns (doc, (const char * const *) items->pdata, items->len, 7);

  wa_page_layout_add_heading (doc, _("Attribution"), 2);
  {
    /* One run of text: the lines are short and many, and a run packs
     * them without the gaps of a list. */
    GString *run = g_string_new (NULL);
    g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
    g_auto(GStrv) merged = wa_format_merge_attribution_years ((const char * const *) attributions);

    for (guint i = 0; merged[i] != NULL; i++)
      {
        g_autofree char *flat = g_regex_replace_literal (space, merged[i], -1, 0, " ", 0,
                                                         NULL);
        g_autofree char *escaped = g_markup_escape_text (flat, -1);

        g_string_append_printf (run, "%s%s", i > 0 ? "  •  " : "• ", escaped);
      }
    wa_page_layout_add_paragraph (doc, run->str, 7);
    g_string_free (run, TRUE);
  }
}

void
wa_briefing_add_method_and_sources (WaPageLayout *doc, WaAtlas *atlas, GPtrArray *wards)
{
  wa_page_layout_add_heading (doc, _("Method and sources"), 1);
  add_definitions (doc, atlas);
  add_sources (doc, atlas, wards);
}

/* ---- ward briefing ---------------------------------------------------- */

static void
add_ward_title (WaPageLayout *doc, WaAtlas *atlas, WaWard *ward)
{
  g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s", wa_ward_get_lad_name (ward),
                                               wa_ward_get_region_name (ward),
                                               wa_ward_get_code (ward));
  g_autofree char *date = wa_briefing_today ();
  g_autofree char *edition = wa_briefing_edition_text (atlas);
  g_autofree char *meta = g_strdup_printf (_("%s · Produced %s"), edition, date);
  g_autofree char *method = wa_briefing_method_sentence (atlas);
  gboolean left_behind = wa_ward_get_left_behind (ward);
  g_autofree char *badge = g_strdup_printf ("%s   %s",
                                            left_behind ? _("● Left behind") : _("Not left behind"),
                                            method);

  wa_figure_add_title (doc, _("Ward briefing"), wa_ward_get_name (ward), subtitle, meta, badge,
                       left_behind);
}

/* The map's alternative text in a tagged PDF, naming the ward. */
static void
set_ward_map_alt (WaPageLayout *doc, WaWard *ward)
{
  g_autofree char *alt = g_strdup_printf (_("Map of the wards around %s (%s), shaded by combined "
                                            "rank, darkest for greatest need; left-behind wards "
                                            "have a double outline, pink outside and blue "
                                            "inside."),
                                          wa_ward_get_name (ward), wa_ward_get_lad_name (ward));

  wa_page_layout_set_figure_alt (doc, alt);
}

static WaMapFigure *
add_ward_map (WaPageLayout *doc, WaAtlas *atlas, WaWard *ward, WaMapStyle *style)
{
  WaMapFigure *map = NULL;
  WaGeometry *geometry = wa_ward_get_geometry (ward);
  const guint *neighbours;
  guint n;
  WaBBox box;

  if (geometry == NULL)
    {
      const WaArea *lad = wa_atlas_lookup_area (atlas, WA_AREA_LAD, wa_ward_get_lad_code (ward));

      /* Without its own boundary, the ward is shown by its council's. */
      if (lad != NULL && lad->geometry != NULL)
        map = wa_figure_add_map (doc, style, wa_geometry_get_bbox (lad->geometry),
                                 wa_geometry_get_bbox (lad->geometry), WARD_MAP_ASPECT, -1,
                                 wa_ward_get_lad_code (ward), NULL);
      if (map != NULL)
        set_ward_map_alt (doc, ward);
      wa_briefing_add_markup (doc, lad != NULL ? 7.5 : 0,
                  _("%s has no boundary in the data pack, so it cannot be drawn; the map shows "
                    "%s (dashed), the council it belongs to."),
                  wa_ward_get_name (ward), wa_ward_get_lad_name (ward));
      return map;
    }
  /* The neighbours are the context; the ward stays the subject, centred
   * (wa_figure_add_map), however large a rural neighbour is. */
  box = *wa_geometry_get_bbox (geometry);
  neighbours = wa_ward_get_neighbours (ward, &n);
  for (guint i = 0; i < n; i++)
    {
      WaGeometry *g = wa_ward_get_geometry (wa_atlas_get_ward (atlas, neighbours[i]));

      if (g != NULL)
        wa_bbox_extend (&box, wa_geometry_get_bbox (g));
    }
  map = wa_figure_add_map (doc, style, wa_geometry_get_bbox (geometry), &box, WARD_MAP_ASPECT,
                           (int) wa_ward_get_index (ward), wa_ward_get_lad_code (ward), NULL);
  set_ward_map_alt (doc, ward);
  wa_briefing_add_markup (doc, 7.5, _("<i>%s outlined in black; %s’s boundary dashed; wards shaded by "
                          "combined rank (darkest = greatest need); left-behind wards double-outlined "
                          "(pink and blue).</i>"),
              wa_ward_get_name (ward), wa_ward_get_lad_name (ward));
  return map;
}

static char *
figure_detail (WaAtlas *atlas, WaIndicator indicator, const WaFigure *f)
{
  g_autofree char *of = wa_format_count (wa_atlas_get_n_ranked (atlas, indicator));
  g_autofree char *score = wa_format_score (f->score, 1);

  if (f->rank == 0)
    return g_strdup (_("No data"));
  return g_strdup_printf (_("of %s · decile %u · score %s"), of, f->decile, score);
}

static void
add_ward_key_figures (WaPageLayout *doc, WaAtlas *atlas, WaWard *ward, guint n)
{
  guint combined = wa_ward_get_combined_rank (ward);
  const WaFigure *imd = wa_ward_get_figure (ward, WA_INDICATOR_IMD);
  const WaFigure *cni = wa_ward_get_figure (ward, WA_INDICATOR_CNI);
  g_autofree char *combined_value = wa_briefing_rank_or_dash (combined);
  g_autofree char *n_text = wa_format_count (n);
  g_autofree char *share = top_share (combined, n);
  g_autofree char *combined_detail = combined > 0
    ? g_strdup_printf (_("of %s wards · most deprived %s"), n_text, share)
    : g_strdup (_("Not ranked: an index is missing"));
  g_autofree char *imd_value = wa_briefing_rank_or_dash (imd->rank);
  g_autofree char *cni_value = wa_briefing_rank_or_dash (cni->rank);
  g_autofree char *imd_detail = figure_detail (atlas, WA_INDICATOR_IMD, imd);
  g_autofree char *cni_detail = figure_detail (atlas, WA_INDICATOR_CNI, cni);
  g_autofree char *population = population_text (wa_ward_get_population (ward));
  g_autofree char *lsoas = g_strdup_printf (_("residents · %u LSOAs"), wa_ward_get_n_lsoa (ward));
  const char *labels[] = { _("Combined rank"), _("IMD rank"), _("CNI rank"), _("Population") };
  const char *values[] = { combined_value, imd_value, cni_value, population };
  const char *details[] = { combined_detail, imd_detail, cni_detail, lsoas };

  wa_figure_add_key_figures (doc, 4, labels, values, details);
}

static void
add_ward_summary (WaPageLayout *doc, WaAtlas *atlas, WaWard *ward, GPtrArray *lad_wards,
                  guint n)
{
  guint rank = wa_ward_get_combined_rank (ward), worse = 0;
  g_autofree char *method = wa_rank_params_describe (wa_atlas_get_rank_params (atlas));
  g_autofree char *rank_text = wa_briefing_rank_or_dash (rank);
  g_autofree char *n_text = NULL;
  int official = wa_ward_get_official_left_behind (ward);

  if (rank == 0)
    {
      wa_briefing_add_markup (doc, 0, _("%s has no combined rank: it lacks an IMD or a CNI figure."),
                  wa_ward_get_name (ward));
      return;
    }
  for (guint i = 0; i < lad_wards->len; i++)
    {
      guint other = wa_ward_get_combined_rank (g_ptr_array_index (lad_wards, i));

      worse += other > rank;
    }
  n_text = wa_format_count (n);
  wa_briefing_add_markup (doc, 0,
              _("<b>%s</b> ranks <b>%s of %s</b> English wards on combined need (IMD and CNI "
                "together) and is <b>%s</b> under the method used here (%s)."),
              wa_ward_get_name (ward), rank_text, n_text,
              wa_ward_get_left_behind (ward) ? _("left behind") : _("not left behind"),
              method);
  if (lad_wards->len > 1 && worse + 1 == lad_wards->len)
    wa_briefing_add_markup (doc, 0, _("It has the greatest need of the %u wards in %s."), lad_wards->len,
                wa_ward_get_lad_name (ward));
  else if (lad_wards->len > 1)
    wa_briefing_add_markup (doc, 0, _("It has greater need than %u of the other %u wards in %s."), worse,
                lad_wards->len - 1, wa_ward_get_lad_name (ward));
  if (official >= 0)
    wa_briefing_add_markup (doc, 0, official ? _("It is on the published 2019 list of left-behind wards "
                                     "(OCSI for Local Trust).")
                                 : _("It is not on the published 2019 list of left-behind "
                                     "wards (OCSI for Local Trust)."));
}

/* Short enough for a table cell; the full wording is in the panel. */
static const char *
figure_made (WaFigureSource source)
{
  switch (source)
    {
    case WA_FIGURE_PUBLISHED: return _("Published for wards");
    case WA_FIGURE_COMPUTED: return _("Computed from LSOAs");
    case WA_FIGURE_THIRD_PARTY: return _("Third-party (not official)");
    case WA_FIGURE_NONE:
    default: return _("No data");
    }
}

static void
add_figure_row (WaTable *table, WaAtlas *atlas, WaWard *ward, WaIndicator indicator)
{
  const WaFigure *f = wa_ward_get_figure (ward, indicator);
  g_autofree char *score = wa_format_score (f->score, 2);
  g_autofree char *rank = wa_format_rank_of (f->rank, wa_atlas_get_n_ranked (atlas, indicator));
  g_autofree char *decile = f->decile > 0 ? g_strdup_printf ("%u", f->decile) : g_strdup ("–");
  gboolean overall = wa_indicator_is_overall (indicator);
  g_autofree char *label = overall ? g_strdup (wa_indicator_label (indicator))
                                   : g_strconcat ("    ", wa_indicator_label (indicator), NULL);
  const char *cells[] = { label, score, rank, decile, figure_made (f->source) };

  wa_table_add_row (table, cells, overall ? WA_ROW_BOLD : WA_ROW_NORMAL);
}

static void
add_ward_figures_table (WaPageLayout *doc, WaAtlas *atlas, WaWard *ward)
{
  static const double widths[] = { 0.38, 0.10, 0.17, 0.08, 0.27 };
  static const PangoAlignment aligns[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT,
                                           PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
                                           PANGO_ALIGN_LEFT };
  const char *headers[] = { _("Index and domain"), _("Score"), _("Rank"), _("Decile"),
                            _("Ward figure") };
  WaTable *table;

  wa_page_layout_add_heading (doc, _("Deprivation and need"), 1);
  table = wa_page_layout_add_table (doc, NULL, 5, headers, widths, aligns);
  /* The registry lists each index's overall figure before its domains. */
  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    add_figure_row (table, atlas, ward, i);
  wa_briefing_add_markup (doc, 7.5, "%s", _("Higher scores mean more deprivation or need. Rank 1 and "
                                "decile 1 are the most deprived."));
}

static GArray *
group_ranks (GPtrArray *wards, WaIndicator indicator)
{
  GArray *ranks = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < wards->len; i++)
    {
      WaWard *w = g_ptr_array_index (wards, i);
      guint rank = indicator == WA_N_INDICATORS ? wa_ward_get_combined_rank (w)
                                                : wa_ward_get_figure (w, indicator)->rank;

      if (rank > 0)
        g_array_append_val (ranks, rank);
    }
  return ranks;
}

static void
add_ward_strips (WaPageLayout *doc, WaAtlas *atlas, WaWard *ward, GPtrArray *lad_wards, guint n,
                 WaPalette palette)
{
  const WaRankParams *params = wa_atlas_get_rank_params (atlas);
  g_autofree char *group = g_strdup_printf (_("other wards in %s"), wa_ward_get_lad_name (ward));
  WaStripRow rows[3] = {
    { g_strdup (_("Combined")), n, wa_ward_get_combined_rank (ward),
      group_ranks (lad_wards, WA_N_INDICATORS) },
    { g_strdup (_("IMD")), wa_atlas_get_n_ranked (atlas, WA_INDICATOR_IMD),
      wa_ward_get_imd_rank (ward), group_ranks (lad_wards, WA_INDICATOR_IMD) },
    { g_strdup (_("CNI")), wa_atlas_get_n_ranked (atlas, WA_INDICATOR_CNI),
      wa_ward_get_cni_rank (ward), group_ranks (lad_wards, WA_INDICATOR_CNI) },
  };

  wa_page_layout_add_heading (doc, _("Where the ward sits among all English wards"), 2);
  wa_figure_add_strips (doc, palette, rows, 3,
                        wa_rank_method_uses_threshold (params->method)
                        ? params->threshold_percent / 100 : 0, group);
}

static void
add_comparison_row (WaTable *table, const char *label, const char *ward_value,
                    const WaAreaSummary *areas, char *(*value) (const WaAreaSummary *), gboolean bold)
{
  g_autofree char *a = value (&areas[0]);
  g_autofree char *b = value (&areas[1]);
  g_autofree char *c = value (&areas[2]);
  const char *cells[] = { label, ward_value, a, b, c };

  wa_table_add_row (table, cells, bold ? WA_ROW_BOLD : WA_ROW_NORMAL);
}

static char *median_imd_score (const WaAreaSummary *s) { return wa_format_score (s->median_imd_score, 2); }
static char *median_cni_score (const WaAreaSummary *s) { return wa_format_score (s->median_cni_score, 2); }

char *
wa_briefing_median_combined (const WaAreaSummary *s)
{
  return wa_briefing_median_text (s->median_combined_rank);
}

char *
wa_briefing_median_imd (const WaAreaSummary *s)
{
  return wa_briefing_median_text (s->median_imd_rank);
}

char *
wa_briefing_median_cni (const WaAreaSummary *s)
{
  return wa_briefing_median_text (s->median_cni_rank);
}

char *
wa_briefing_left_behind_share (const WaAreaSummary *s)
{
  return share_of (s->n_left_behind, s->n_wards);
}

char *
wa_briefing_left_behind_people (const WaAreaSummary *s)
{
  g_autofree char *people = wa_format_population_short (s->left_behind_population);
  g_autofree char *pct = wa_format_percent (s->population > 0
                                            ? round (s->left_behind_population * 1000.0 / s->population) / 10
                                            : 0);

  return g_strdup_printf ("%s (%s)", people, pct);
}

static void
add_ward_comparison (WaPageLayout *doc, WaAtlas *atlas, WaWard *ward, GPtrArray *lad_wards)
{
  static const double widths[] = { 0.28, 0.15, 0.19, 0.19, 0.19 };
  static const PangoAlignment aligns[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
                                           PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT };
  g_autofree char *lad_head = g_strdup_printf (_("%s (median)"), wa_ward_get_lad_name (ward));
  g_autofree char *region_head = g_strdup_printf (_("%s (median)"), wa_ward_get_region_name (ward));
  const char *headers[] = { _("Measure"), _("This ward"), lad_head, region_head,
                            _("England (median)") };
  const WaFigure *imd = wa_ward_get_figure (ward, WA_INDICATOR_IMD);
  const WaFigure *cni = wa_ward_get_figure (ward, WA_INDICATOR_CNI);
  g_autofree char *combined = wa_briefing_rank_or_dash (wa_ward_get_combined_rank (ward));
  g_autofree char *imd_rank = wa_briefing_rank_or_dash (imd->rank);
  g_autofree char *cni_rank = wa_briefing_rank_or_dash (cni->rank);
  g_autofree char *imd_score = wa_format_score (imd->score, 2);
  g_autofree char *cni_score = wa_format_score (cni->score, 2);
  g_autofree char *population = population_text (wa_ward_get_population (ward));
  WaAreaSummary areas[3];
  WaTable *table;

  wa_area_summarize (lad_wards, &areas[0]);
  wa_area_summarize_area (atlas, WA_AREA_REGION, wa_ward_get_region_code (ward), &areas[1]);
  wa_area_summarize_area (atlas, WA_AREA_LAND, NULL, &areas[2]);
  wa_page_layout_add_heading (doc, _("Compared with its council, region and England"), 2);
  table = wa_page_layout_add_table (doc, NULL, 5, headers, widths, aligns);
  add_comparison_row (table, _("Combined rank"), combined, areas, wa_briefing_median_combined, TRUE);
  add_comparison_row (table, _("IMD rank"), imd_rank, areas, wa_briefing_median_imd, FALSE);
  add_comparison_row (table, _("CNI rank"), cni_rank, areas, wa_briefing_median_cni, FALSE);
  add_comparison_row (table, _("IMD score"), imd_score, areas, median_imd_score, FALSE);
  add_comparison_row (table, _("CNI score"), cni_score, areas, median_cni_score, FALSE);
  add_comparison_row (table, _("Left-behind wards"),
                      wa_ward_get_left_behind (ward) ? _("Yes") : _("No"), areas,
                      wa_briefing_left_behind_share, TRUE);
  add_comparison_row (table, _("People in left-behind wards"),
                      wa_ward_get_left_behind (ward) ? population : "–", areas,
                      wa_briefing_left_behind_people, FALSE);
  wa_briefing_add_markup (doc, 7.5, "%s", _("Medians are of the wards in each area; the last two rows "
                                "count wards and people, not medians."));
}

/* Up to this many rows (the ward and its neighbours) the table has a
 * row each; beyond, two wards share a row so a rural ward with twenty
 * neighbours does not push the briefing onto a fourth page. */
#define NEIGHBOURS_ONE_UP 9

static void
add_neighbours_one_up (WaPageLayout *doc, WaWard *ward, GPtrArray *wards)
{
  static const double widths[] = { 0.30, 0.25, 0.12, 0.10, 0.10, 0.13 };
  static const PangoAlignment aligns[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT,
                                           PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_LEFT };
  const char *headers[] = { _("Ward"), _("Council"), _("Combined"), _("IMD"), _("CNI"),
                            _("Left behind") };
  WaTable *table = wa_page_layout_add_table (doc, _("Wards sharing a border, by combined rank; "
                                                    "ranks among all English wards"),
                                             6, headers, widths, aligns);

  for (guint i = 0; i < wards->len; i++)
    {
      WaWard *w = g_ptr_array_index (wards, i);
      g_autofree char *combined = wa_briefing_rank_or_dash (wa_ward_get_combined_rank (w));
      g_autofree char *imd = wa_briefing_rank_or_dash (wa_ward_get_imd_rank (w));
      g_autofree char *cni = wa_briefing_rank_or_dash (wa_ward_get_cni_rank (w));
      const char *cells[] = { wa_ward_get_name (w), wa_ward_get_lad_name (w), combined, imd, cni,
                              wa_ward_get_left_behind (w) ? _("Yes") : "" };

      wa_table_add_row (table, cells, w == ward ? WA_ROW_HIGHLIGHT : WA_ROW_NORMAL);
    }
}

/* A ward's cell in the two-up table: its council only when it is not the
 * briefing ward's, this ward in bold, a left-behind ward marked by the
 * caption's symbol (words would wrap the row). */
#define LEFT_BEHIND_MARK " <span foreground=\"#d91a73\">●</span>"

static char *
neighbour_cell (WaWard *w, WaWard *ward)
{
  gboolean same_lad = g_strcmp0 (wa_ward_get_lad_code (w), wa_ward_get_lad_code (ward)) == 0;
  g_autofree char *name = same_lad
    ? g_markup_escape_text (wa_ward_get_name (w), -1)
    : g_markup_printf_escaped ("%s <span size=\"smaller\">(%s)</span>", wa_ward_get_name (w),
                               wa_ward_get_lad_name (w));
  const char *lb = wa_ward_get_left_behind (w) ? LEFT_BEHIND_MARK : "";

  return w == ward ? g_strdup_printf ("<b>%s</b>%s", name, lb) : g_strconcat (name, lb, NULL);
}

static void
add_neighbours_two_up (WaPageLayout *doc, WaWard *ward, GPtrArray *wards)
{
  static const double widths[] = { 0.26, 0.105, 0.065, 0.07, 0.26, 0.105, 0.065, 0.07 };
  static const PangoAlignment aligns[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
                                           PANGO_ALIGN_RIGHT, PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT,
                                           PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT };
  const char *headers[] = { _("Ward"), _("Combined"), _("IMD"), _("CNI"),
                            _("Ward"), _("Combined"), _("IMD"), _("CNI") };
  g_autofree char *caption = g_strdup_printf (_("Wards sharing a border, by combined rank (down "
                                                "then across); ranks among all English wards; "
                                                "council named when not %s; ● left behind"),
                                              wa_ward_get_lad_name (ward));
  WaTable *table = wa_page_layout_add_table (doc, caption, 8, headers, widths, aligns);
  guint half = (wards->len + 1) / 2;

  wa_table_set_markup (table, TRUE);
  for (guint i = 0; i < half; i++)
    {
      char *cells[8] = { NULL };

      for (guint side = 0; side < 2 && i + side * half < wards->len; side++)
        {
          WaWard *w = g_ptr_array_index (wards, i + side * half);

          cells[4 * side] = neighbour_cell (w, ward);
          cells[4 * side + 1] = wa_briefing_rank_or_dash (wa_ward_get_combined_rank (w));
          cells[4 * side + 2] = wa_briefing_rank_or_dash (wa_ward_get_imd_rank (w));
          cells[4 * side + 3] = wa_briefing_rank_or_dash (wa_ward_get_cni_rank (w));
        }
      wa_table_add_row (table, (const char * const *) cells, WA_ROW_NORMAL);
      for (guint c = 0; c < 8; c++)
        g_free (cells[c]);
    }
}

static void
add_ward_neighbours (WaPageLayout *doc, WaAtlas *atlas, WaWard *ward)
{
  g_autoptr(GPtrArray) wards = g_ptr_array_new ();
  guint n;
  const guint *indices = wa_ward_get_neighbours (ward, &n);

  wa_page_layout_add_heading (doc, _("Neighbouring wards"), 2);
  if (n == 0)
    {
      wa_briefing_add_markup (doc, 0, "%s", _("The pack records no wards sharing a border with this one."));
      return;
    }
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (wards, wa_atlas_get_ward (atlas, indices[i]));
  g_ptr_array_add (wards, ward);
  g_ptr_array_sort (wards, wa_ward_compare_by_combined_rank);
  if (wards->len <= NEIGHBOURS_ONE_UP)
    add_neighbours_one_up (doc, ward, wards);
  else
    add_neighbours_two_up (doc, ward, wards);
}

WaBriefing *
wa_briefing_new (const char *title, const char *subject, const char *keywords)
{
  WaBriefing *b = g_new0 (WaBriefing, 1);

  b->doc = wa_page_layout_new ();
  b->title = g_strdup (title);
  b->subject = g_strdup (subject);
  b->keywords = g_strdup (keywords);
  b->map_aspect = WARD_MAP_ASPECT;
  return b;
}

WaBriefing *
wa_briefing_new_for_ward (WaAtlas *atlas, WaWard *ward, WaChange *change, WaPalette palette)
{
  return wa_briefing_new_for_ward_with_lists (atlas, ward, change, palette, NULL);
}

WaBriefing *
wa_briefing_new_for_ward_with_lists (WaAtlas *atlas, WaWard *ward, WaChange *change,
                                     WaPalette palette, GPtrArray *user_lists)
{
  g_autoptr(WaMapStyle) style = NULL;
  g_autoptr(GPtrArray) lad_wards = NULL;
  g_autofree char *title = NULL, *subject = NULL, *keywords = NULL, *method = NULL;
  guint n_ranked;
  WaBriefing *b;

  g_return_val_if_fail (WA_IS_ATLAS (atlas) && WA_IS_WARD (ward), NULL);

  style = wa_map_style_new (atlas, palette);
  /* Wards with a combined rank: the denominator of combined ranks. */
  n_ranked = wa_map_style_get_n_ranked (style);
  lad_wards = wa_area_dup_wards (atlas, WA_AREA_LAD, wa_ward_get_lad_code (ward));
  method = wa_rank_params_describe (wa_atlas_get_rank_params (atlas));
  title = g_strdup_printf (_("Ward briefing: %s (%s)"), wa_ward_get_name (ward),
                           wa_ward_get_lad_name (ward));
  subject = g_strdup_printf (_("Deprivation and community need in %s, %s: %s edition; %s"),
                             wa_ward_get_name (ward), wa_ward_get_lad_name (ward),
                             wa_edition_to_string (wa_atlas_get_edition (atlas)), method);
  keywords = g_strdup_printf ("%s, %s, %s, IMD, CNI, left behind", wa_ward_get_code (ward),
                              wa_ward_get_lad_name (ward), wa_ward_get_region_name (ward));
  b = wa_briefing_new (title, subject, keywords);
  wa_briefing_add_furniture (b, atlas);

  add_ward_title (b->doc, atlas, ward);
  b->map = add_ward_map (b->doc, atlas, ward, style);
  b->max_pages = WARD_MAX_PAGES;
  add_ward_key_figures (b->doc, atlas, ward, n_ranked);
  wa_page_layout_add_space (b->doc, 4);
  add_ward_summary (b->doc, atlas, ward, lad_wards, n_ranked);
  wa_briefing_add_ward_change (b->doc, atlas, ward, change);
  add_ward_neighbours (b->doc, atlas, ward);
  add_ward_figures_table (b->doc, atlas, ward);
  add_ward_strips (b->doc, atlas, ward, lad_wards, n_ranked, palette);
  add_ward_comparison (b->doc, atlas, ward, lad_wards);
  wa_briefing_add_social_infrastructure (b->doc, atlas, ward);
  if (user_lists != NULL && user_lists->len > 0)
    wa_briefing_add_user_lists (b->doc, atlas, ward, user_lists);
  {
    g_autoptr(GPtrArray) self = g_ptr_array_new ();

    g_ptr_array_add (self, ward);
    wa_briefing_add_method_and_sources (b->doc, atlas, self);
  }
  return b;
}
