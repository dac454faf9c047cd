/* wa-briefing-custom.c: the briefing for a custom area (issue 20): a set
 * of wards or LSOAs, or a drawn or imported polygon, with its figures
 * computed from the LSOAs (wa_custom_area_compute): residents, scores
 * that "would rank" among the wards (not official ranks), the shares of
 * residents in the most deprived neighbourhoods, the wards it touches and
 * its community assets. The words and page furniture are the ward
 * briefing's (wa-briefing.c). */
#include <math.h>
#include <glib/gi18n.h>

#include "wa-briefing-private.h"
#include "wa-custom-area.h"
#include "wa-error.h"
#include "wa-format.h"
#include "wa-map-style.h"

/* The outline map is the ward briefing's shape, a little taller. */
#define CUSTOM_MAP_ASPECT 0.62

static char *
residents_text (double population)
{
  return wa_format_count ((gint64) llround (population));
}

static char *
share_text (double share)
{
  return isnan (share) ? g_strdup (_("Not known")) : wa_format_percent (100 * share);
}

static const char *
kind_text (WaCustomArea *area)
{
  switch (wa_custom_area_get_kind (area))
    {
    case WA_CUSTOM_AREA_WARDS:
      return _("Custom area: a set of wards");
    case WA_CUSTOM_AREA_LSOAS:
      return _("Custom area: a set of neighbourhoods (LSOAs)");
    case WA_CUSTOM_AREA_POLYGON:
    default:
      return wa_custom_area_get_source (area) != NULL
             ? _("Custom area: a boundary imported from a file")
             : _("Custom area: a boundary drawn on the map");
    }
}

/* What the map outlines: the polygon, an LSOA set's LSOAs (read from the
 * pack; *lsoa_outline TRUE), or the wards of a set (an LSOA set's too
 * when its boundaries cannot be read). Fills box with the subject's
 * extent. */
static GPtrArray *
outline_geometries (WaAtlas *atlas, WaCustomArea *area, const WaCustomAreaFigures *f, WaBBox *box,
                    gboolean *lsoa_outline)
{
  GPtrArray *out;

  wa_bbox_init_empty (box);
  *lsoa_outline = FALSE;
  if (wa_custom_area_get_kind (area) == WA_CUSTOM_AREA_LSOAS)
    {
      out = wa_custom_area_dup_lsoa_geometries (atlas, f, NULL);
      if (out != NULL && out->len > 0)
        {
          for (guint i = 0; i < out->len; i++)
            wa_bbox_extend (box, wa_geometry_get_bbox (g_ptr_array_index (out, i)));
          *lsoa_outline = TRUE;
          return out;
        }
      g_clear_pointer (&out, g_ptr_array_unref);
    }
  out = g_ptr_array_new ();
  if (wa_custom_area_get_kind (area) == WA_CUSTOM_AREA_POLYGON)
    {
      WaGeometry *g = wa_custom_area_get_geometry (area);

      if (g != NULL)
        {
          g_ptr_array_add (out, g);
          *box = *wa_geometry_get_bbox (g);
        }
      return out;
    }
  /* A ward set is one outline, the lines between its wards dissolved;
   * its wards, one by one, only if their union cannot be made. */
  for (guint i = 0; i < f->wards->len; i++)
    {
      WaGeometry *g = wa_ward_get_geometry (g_ptr_array_index (f->wards, i));

      if (g != NULL)
        {
          g_ptr_array_add (out, g);
          wa_bbox_extend (box, wa_geometry_get_bbox (g));
        }
    }
  if (out->len > 1)
    {
      WaGeometry *dissolved = wa_geometry_dissolve (out, NULL);

      if (dissolved != NULL)
        {
          g_ptr_array_unref (out);
          out = g_ptr_array_new_with_free_func ((GDestroyNotify) wa_geometry_unref);
          g_ptr_array_add (out, dissolved);
        }
    }
  return out;
}

static void
add_map (WaBriefing *b, WaAtlas *atlas, WaMapStyle *style, WaCustomArea *area,
         const WaCustomAreaFigures *f)
{
  g_autoptr(GPtrArray) outline = NULL;
  gboolean lsoa_outline;
  WaBBox subject, context;
  const char *name = wa_custom_area_get_name (area);
  gboolean polygon = wa_custom_area_get_kind (area) == WA_CUSTOM_AREA_POLYGON;

  outline = outline_geometries (atlas, area, f, &subject, &lsoa_outline);
  if (outline->len == 0)
    return;
  /* The wards it touches are the context; the area stays centred. */
  context = subject;
  for (guint i = 0; i < f->wards->len; i++)
    {
      WaGeometry *g = wa_ward_get_geometry (g_ptr_array_index (f->wards, i));

      if (g != NULL)
        wa_bbox_extend (&context, wa_geometry_get_bbox (g));
    }
  b->map_aspect = CUSTOM_MAP_ASPECT;
  b->map = wa_figure_add_map (b->doc, style, &subject, &context, CUSTOM_MAP_ASPECT, -1, NULL,
                              NULL);
  wa_map_figure_set_outline (b->map, outline);
  {
    g_autofree char *alt = g_strdup_printf (_("Map of %s, outlined in black, over the wards "
                                              "around it shaded by combined rank, darkest for "
                                              "greatest need; left-behind wards have a double "
                                              "outline, pink outside and blue inside."), name);

    wa_page_layout_set_figure_alt (b->doc, alt);
  }
  if (lsoa_outline)
    wa_briefing_add_markup (b->doc, 7.5, _("<i>The neighbourhoods (LSOAs) of %s outlined in black; "
                                           "wards shaded by combined rank (darkest = greatest "
                                           "need); left-behind wards double-outlined (pink and "
                                           "blue).</i>"), name);
  else if (polygon)
    wa_briefing_add_markup (b->doc, 7.5, _("<i>%s outlined in black; wards shaded by combined rank "
                                           "(darkest = greatest need); left-behind wards "
                                           "double-outlined (pink and blue).</i>"), name);
  else if (wa_custom_area_get_kind (area) == WA_CUSTOM_AREA_WARDS)
    wa_briefing_add_markup (b->doc, 7.5, _("<i>The wards of %s outlined in black; wards shaded by "
                                           "combined rank (darkest = greatest need); left-behind "
                                           "wards double-outlined (pink and blue).</i>"), name);
  else
    wa_briefing_add_markup (b->doc, 7.5, _("<i>The wards holding %s’s neighbourhoods outlined in "
                                           "black: the map does not draw neighbourhood (LSOA) "
                                           "boundaries, so the area itself is smaller. Wards "
                                           "shaded by combined rank (darkest = greatest need); "
                                           "left-behind wards double-outlined (pink and "
                                           "blue).</i>"), name);
}

static char *
would_rank_detail (const WaCustomAreaFigures *f, WaIndicator k)
{
  g_autofree char *of = NULL;

  if (isnan (f->score[k]) || f->would_rank[k] == 0)
    return g_strdup (_("no neighbourhood (LSOA) figures in this edition"));
  of = wa_format_rank_of (f->would_rank[k], f->n_ranked[k]);
  /* Translators: "would rank 123 of 7,461 wards": not an official rank. */
  return g_strdup_printf (_("would rank %s wards"), of);
}

static void
add_key_figures (WaPageLayout *doc, const WaCustomAreaFigures *f)
{
  g_autofree char *residents = residents_text (f->population);
  g_autofree char *imd = wa_format_score (f->score[WA_INDICATOR_IMD], 1);
  g_autofree char *cni = wa_format_score (f->score[WA_INDICATOR_CNI], 1);
  g_autofree char *imd_detail = would_rank_detail (f, WA_INDICATOR_IMD);
  g_autofree char *cni_detail = would_rank_detail (f, WA_INDICATOR_CNI);
  g_autofree char *n_lsoas = wa_format_count (f->n_lsoas_whole + f->n_lsoas_split);
  g_autofree char *whole = wa_format_count (f->n_lsoas_whole);
  g_autofree char *split = wa_format_count (f->n_lsoas_split);
  g_autofree char *lsoa_detail = g_strdup_printf (_("%s whole, %s split"), whole, split);
  const char *labels[] = { _("Residents"), _("IMD score"), _("CNI score"),
                           _("Neighbourhoods (LSOAs)") };
  const char *values[] = { residents, imd, cni, n_lsoas };
  const char *details[] = { f->n_lsoas_split > 0 ? _("split LSOAs apportioned by area")
                                                 : _("whole LSOAs only"),
                            imd_detail, cni_detail, lsoa_detail };

  wa_figure_add_key_figures (doc, 4, labels, values, details);
}

static void
add_summary (WaPageLayout *doc, WaCustomArea *area, const WaCustomAreaFigures *f)
{
  g_autofree char *n_wards = wa_format_count (f->wards->len);
  g_autofree char *n_lsoas = wa_format_count (f->n_lsoas_whole + f->n_lsoas_split);

  guint n = f->n_lsoas_whole + f->n_lsoas_split;
  g_autofree char *touches = g_strdup_printf (ngettext ("It touches %s ward.",
                                                        "It touches %s wards.", f->wards->len),
                                              n_wards);

  wa_briefing_add_markup (doc, 0, ngettext ("<b>%s</b> is not an official area: its figures are "
                                            "computed by Ward Atlas from the %s neighbourhood "
                                            "(LSOA) it holds, the way a ward’s are. “Would rank” "
                                            "places its score among all English wards’ (1 = most "
                                            "deprived); it is <b>not an official rank</b>. %s",
                                            "<b>%s</b> is not an official area: its figures are "
                                            "computed by Ward Atlas from the %s neighbourhoods "
                                            "(LSOAs) it holds, weighted by their residents, the "
                                            "way a ward’s are. “Would rank” places its score "
                                            "among all English wards’ (1 = most deprived); it is "
                                            "<b>not an official rank</b>. %s", n),
                          wa_custom_area_get_name (area), n_lsoas, touches);
  if (f->n_lsoas_split > 0)
    wa_briefing_add_markup (doc, 0, ngettext ("<b>%u neighbourhood is split</b> by the boundary. "
                                              "It counts in proportion to the share of its area "
                                              "inside: its residents are taken as spread evenly "
                                              "over it, which they are not (a park, an industrial "
                                              "estate), so residents and shares are estimates.",
                                              "<b>%u neighbourhoods are split</b> by the boundary. "
                                              "Each counts in proportion to the share of its area "
                                              "inside: their residents are taken as spread evenly "
                                              "over them, which they are not (a park, an "
                                              "industrial estate), so residents and shares are "
                                              "estimates.", f->n_lsoas_split),
                            f->n_lsoas_split);
  if (wa_custom_area_get_note (area) != NULL)
    wa_briefing_add_markup (doc, 0, "<i>%s</i>", wa_custom_area_get_note (area));
}

static void
add_shares (WaPageLayout *doc, WaAtlas *atlas, const WaCustomAreaFigures *f)
{
  static const double widths[] = { 0.75, 0.25 };
  static const PangoAlignment aligns[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT };
  const char *headers[] = { _("Share of the area’s residents living in"), _("Share") };
  g_autofree char *tenth = wa_format_percent (10);
  g_autofree char *cni_label = g_strdup_printf (_("neighbourhoods in England’s most deprived %s "
                                                  "on the CNI"), tenth);
  WaTable *table;

  wa_page_layout_add_heading (doc, _("The most deprived neighbourhoods"), 2);
  table = wa_page_layout_add_table (doc, NULL, 2, headers, widths, aligns);
  if (!isnan (f->share_imd_decile1))
    {
      g_autofree char *v = share_text (f->share_imd_decile1);
      const char *cells[] = { _("neighbourhoods in IMD decile 1 (England’s most deprived tenth)"), v };

      wa_table_add_row (table, cells, WA_ROW_NORMAL);
    }
  if (!isnan (f->share_cni_top10))
    {
      g_autofree char *v = share_text (f->share_cni_top10);
      const char *cells[] = { cni_label, v };

      wa_table_add_row (table, cells, WA_ROW_NORMAL);
    }
  for (WaLsoaFlag flag = 0; flag < WA_N_LSOA_FLAGS; flag++)
    {
      g_autofree char *v = NULL, *label = NULL;

      if (isnan (f->share_flagged[flag]))
        continue;
      v = share_text (f->share_flagged[flag]);
      /* The published flag's description names itself; the others say
       * what they recompute. */
      if (flag == WA_LSOA_FLAG_PUBLISHED)
        label = g_strdup (wa_lsoa_flag_describe (flag));
      else
        {
          const char *d = wa_lsoa_flag_describe (flag);
          g_autofree char *lowered = g_strdup (d);

          /* "Recomputed with…" reads on as "recomputed with…"; "OCSI's" stays. */
          if (g_ascii_isupper (d[0]) && !g_ascii_isupper (d[1]))
            lowered[0] = g_ascii_tolower (d[0]);
          label = g_strdup_printf (_("left-behind neighbourhoods, %s"), lowered);
        }
      {
        const char *cells[] = { label, v };

        wa_table_add_row (table, cells, WA_ROW_NORMAL);
      }
    }
  (void) atlas;
}

static void
add_wards_table (WaPageLayout *doc, WaAtlas *atlas, const WaCustomAreaFigures *f)
{
  static const double widths[] = { 0.26, 0.30, 0.14, 0.16, 0.14 };
  static const PangoAlignment aligns[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT,
                                           PANGO_ALIGN_RIGHT, PANGO_ALIGN_LEFT };
  const char *headers[] = { _("Ward"), _("Council"), _("Residents inside"),
                            _("Combined rank"), _("Left behind") };
  WaLsoas *lsoas = wa_atlas_get_lsoas (atlas);
  g_autoptr(GPtrArray) wards = g_ptr_array_copy (f->wards, NULL, NULL);
  WaTable *table;

  g_ptr_array_sort (wards, wa_ward_compare_by_combined_rank);
  wa_page_layout_add_heading (doc, _("Wards the area touches"), 2);
  table = wa_page_layout_add_table (doc, _("By combined rank; ranks among all English wards, "
                                           "1 = greatest need; residents apportioned as above"),
                                    5, headers, widths, aligns);
  for (guint i = 0; i < wards->len; i++)
    {
      WaWard *w = g_ptr_array_index (wards, i);
      double residents = 0;
      g_autofree char *residents_cell = NULL;
      g_autofree char *combined = wa_briefing_rank_or_dash (wa_ward_get_combined_rank (w));

      for (guint k = 0; lsoas != NULL && k < f->lsoas->len; k++)
        {
          const WaCustomAreaLsoa *l = &g_array_index (f->lsoas, WaCustomAreaLsoa, k);
          const WaLsoa *lsoa = wa_lsoas_get (lsoas, l->lsoa_index);

          if (lsoa->ward_index == wa_ward_get_index (w) && lsoa->population > 0)
            residents += l->share * lsoa->population;
        }
      residents_cell = residents_text (residents);
      {
        const char *cells[] = { wa_ward_get_name (w), wa_ward_get_lad_name (w), residents_cell,
                                combined, wa_ward_get_left_behind (w) ? _("Yes") : "" };

        wa_table_add_row (table, cells,
                          wa_ward_get_left_behind (w) ? WA_ROW_HIGHLIGHT : WA_ROW_NORMAL);
      }
    }
}

static void
add_assets (WaPageLayout *doc, WaAtlas *atlas, const WaCustomAreaFigures *f)
{
  static const double widths[] = { 0.40, 0.15, 0.22, 0.23 };
  static const PangoAlignment aligns[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
                                           PANGO_ALIGN_RIGHT };
  const char *headers[] = { _("Community assets"), _("Places"), _("Per 1,000 residents"),
                            _("England per 1,000") };
  WaAssets *assets = wa_atlas_get_assets (atlas);
  WaTable *table = NULL;
  guint n_uncovered = 0;

  wa_page_layout_add_heading (doc, _("Social infrastructure"), 1);
  for (WaAssetCategory c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    {
      const WaCustomAreaAssetFigures *a = &f->assets[c];
      g_autofree char *count = NULL, *rate = NULL, *england = NULL;

      if (assets == NULL || wa_assets_get_coverage_name (assets, c) == NULL)
        continue;
      if (!a->covered)
        {
          n_uncovered++;
          continue;
        }
      if (table == NULL)
        table = wa_page_layout_add_table (doc, NULL, 4, headers, widths, aligns);
      count = wa_format_count (a->count);
      rate = wa_format_score (a->rate, 2);
      england = wa_format_score (a->england_rate, 2);
      {
        const char *cells[] = { wa_asset_category_name (c), count, rate, england };

        wa_table_add_row (table, cells, WA_ROW_NORMAL);
      }
    }
  if (table == NULL)
    wa_briefing_add_markup (doc, 0, "%s", _("This data pack has no community asset data covering "
                                            "the area."));
  else
    wa_briefing_add_markup (doc, 7.5, "%s", _("Places inside the area’s boundary (for a set of "
                                              "wards, the wards’ own counts); rates per 1,000 "
                                              "residents beside England’s, over the wards each "
                                              "category’s data covers."));
  if (n_uncovered > 0)
    wa_briefing_add_markup (doc, 7.5, ngettext ("%u more category has data for some councils "
                                                "only, not for every ward the area touches: it "
                                                "is left out.",
                                                "%u more categories have data for some councils "
                                                "only, not for every ward the area touches: they "
                                                "are left out.", n_uncovered),
                            n_uncovered);
}

WaBriefing *
wa_briefing_new_custom_area (WaAtlas *atlas, WaCustomArea *area, WaPalette palette,
                             GError **error)
{
  WaCustomAreaFigures f = { 0 };
  g_autoptr(WaMapStyle) style = NULL;
  g_autofree char *title = NULL, *subject = NULL, *keywords = NULL, *method = NULL;
  g_autofree char *date = NULL, *edition = NULL, *meta = NULL, *badge = NULL;
  const char *name;
  WaBriefing *b;

  g_return_val_if_fail (WA_IS_ATLAS (atlas) && WA_IS_CUSTOM_AREA (area), NULL);

  if (!wa_custom_area_compute (atlas, area, &f, error))
    return NULL;
  name = wa_custom_area_get_name (area);
  style = wa_map_style_new (atlas, palette);
  method = wa_rank_params_describe (wa_atlas_get_rank_params (atlas));
  title = g_strdup_printf (_("Custom area briefing: %s"), name);
  subject = g_strdup_printf (_("Deprivation and community need in %s, a custom area: %s "
                               "edition; %s"),
                             name, wa_edition_to_string (wa_atlas_get_edition (atlas)), method);
  keywords = g_strdup_printf ("%s, custom area, IMD, CNI, left behind", name);
  b = wa_briefing_new (title, subject, keywords);
  wa_briefing_add_furniture (b, atlas);

  date = wa_briefing_today ();
  edition = wa_briefing_edition_text (atlas);
  meta = g_strdup_printf (_("%s · Produced %s"), edition, date);
  {
    g_autofree char *sentence = wa_briefing_method_sentence (atlas);

    /* The method decides which touched wards are left behind. */
    badge = g_strdup_printf ("%s   %s", _("Not an official area"), sentence);
  }
  wa_figure_add_title (b->doc, _("Custom area briefing"), name, kind_text (area), meta, badge,
                       FALSE);
  add_map (b, atlas, style, area, &f);
  add_key_figures (b->doc, &f);
  wa_page_layout_add_space (b->doc, 4);
  add_summary (b->doc, area, &f);
  add_shares (b->doc, atlas, &f);
  add_wards_table (b->doc, atlas, &f);
  add_assets (b->doc, atlas, &f);
  wa_briefing_add_method_and_sources (b->doc, atlas, f.wards);
  wa_custom_area_figures_clear (&f);
  return b;
}
