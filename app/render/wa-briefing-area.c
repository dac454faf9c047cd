/* wa-briefing-area.c: the briefing for a council or region: its figures
 * against England's, the table of its wards and a map of them. The words
 * and the page furniture are the ward briefing's (wa-briefing.c). */
#include <math.h>
#include <glib/gi18n.h>

#include "wa-area-summary.h"
#include "wa-briefing-private.h"
#include "wa-error.h"
#include "wa-format.h"
#include "wa-map-style.h"

static void
add_area_key_figures (WaPageLayout *doc, const WaAreaSummary *s)
{
  g_autofree char *wards = wa_format_count (s->n_wards);
  g_autofree char *n_ranked = wa_format_count (s->n_ranked);
  g_autofree char *ranked = g_strdup_printf (_("%s with a combined rank"), n_ranked);
  g_autofree char *lb = wa_format_count (s->n_left_behind);
  g_autofree char *lb_pct = wa_format_percent (s->n_wards > 0 ? round (s->n_left_behind * 1000.0 / s->n_wards) / 10 : 0);
  g_autofree char *lb_detail = g_strdup_printf (_("%s of the area’s wards"), lb_pct);
  g_autofree char *people = wa_format_population_short (s->left_behind_population);
  g_autofree char *people_pct = wa_format_percent (s->population > 0 ? round (s->left_behind_population * 1000.0 / s->population) / 10 : 0);
  g_autofree char *total = wa_format_population_short (s->population);
  g_autofree char *people_detail = g_strdup_printf (_("%s of %s residents"), people_pct, total);
  g_autofree char *median = wa_briefing_median_text (s->median_combined_rank);
  const char *labels[] = { _("Wards"), _("Left-behind wards"), _("People in them"),
                           _("Median combined rank") };
  const char *values[] = { wards, lb, people, median };
  const char *details[] = { ranked, lb_detail, people_detail, _("of the area’s wards") };

  wa_figure_add_key_figures (doc, 4, labels, values, details);
}

static void
add_area_table (WaPageLayout *doc, GPtrArray *wards, gboolean with_council)
{
  static const double lad_widths[] = { 0.07, 0.37, 0.13, 0.10, 0.10, 0.12, 0.11 };
  static const double region_widths[] = { 0.05, 0.23, 0.22, 0.11, 0.08, 0.08, 0.12, 0.11 };
  static const PangoAlignment lad_aligns[] = { PANGO_ALIGN_RIGHT, PANGO_ALIGN_LEFT,
                                               PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
                                               PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
                                               PANGO_ALIGN_LEFT };
  static const PangoAlignment region_aligns[] = { PANGO_ALIGN_RIGHT, PANGO_ALIGN_LEFT,
                                                  PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT,
                                                  PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
                                                  PANGO_ALIGN_RIGHT, PANGO_ALIGN_LEFT };
  const char *lad_headers[] = { _("#"), _("Ward"), _("Combined rank"), _("IMD rank"),
                                _("CNI rank"), _("Population"), _("Left behind") };
  const char *region_headers[] = { _("#"), _("Ward"), _("Council"), _("Combined rank"),
                                   _("IMD rank"), _("CNI rank"), _("Population"),
                                   _("Left behind") };
  WaTable *table;

  wa_page_layout_add_heading (doc, _("Wards by combined rank"), 1);
  table = with_council
    ? wa_page_layout_add_table (doc, NULL, 8, region_headers, region_widths, region_aligns)
    : wa_page_layout_add_table (doc, NULL, 7, lad_headers, lad_widths, lad_aligns);
  for (guint i = 0; i < wards->len; i++)
    {
      WaWard *w = g_ptr_array_index (wards, i);
      g_autofree char *pos = g_strdup_printf ("%u", i + 1);
      g_autofree char *combined = wa_briefing_rank_or_dash (wa_ward_get_combined_rank (w));
      g_autofree char *imd = wa_briefing_rank_or_dash (wa_ward_get_imd_rank (w));
      g_autofree char *cni = wa_briefing_rank_or_dash (wa_ward_get_cni_rank (w));
      g_autofree char *population = wa_ward_get_population (w) >= 0
                                    ? wa_format_count (wa_ward_get_population (w)) : g_strdup ("–");
      const char *lb = wa_ward_get_left_behind (w) ? _("Yes") : "";
      WaRowStyle style = wa_ward_get_left_behind (w) ? WA_ROW_HIGHLIGHT : WA_ROW_NORMAL;

      if (with_council)
        {
          const char *cells[] = { pos, wa_ward_get_name (w), wa_ward_get_lad_name (w), combined,
                                  imd, cni, population, lb };
          wa_table_add_row (table, cells, style);
        }
      else
        {
          const char *cells[] = { pos, wa_ward_get_name (w), combined, imd, cni, population, lb };
          wa_table_add_row (table, cells, style);
        }
    }
  wa_briefing_add_markup (doc, 7.5, "%s", _("Left-behind wards are marked by a bar and shading. Ranks are "
                                "among all English wards; 1 = greatest need."));
}

static void
add_area_comparison (WaPageLayout *doc, WaAtlas *atlas, const WaAreaSummary *area,
                     const char *name)
{
  static const double widths[] = { 0.40, 0.30, 0.30 };
  static const PangoAlignment aligns[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT };
  const char *headers[] = { _("Measure"), name, _("England") };
  WaAreaSummary england;
  char *(*values[]) (const WaAreaSummary *) = { wa_briefing_left_behind_share,
                                                wa_briefing_left_behind_people,
                                                wa_briefing_median_combined,
                                                wa_briefing_median_imd,
                                                wa_briefing_median_cni };
  const char *labels[] = { _("Left-behind wards"), _("People in left-behind wards"),
                           _("Median combined rank"), _("Median IMD rank"), _("Median CNI rank") };
  WaTable *table;

  wa_area_summarize_area (atlas, WA_AREA_LAND, NULL, &england);
  wa_page_layout_add_heading (doc, _("Compared with England"), 2);
  table = wa_page_layout_add_table (doc, NULL, 3, headers, widths, aligns);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *a = values[i] (area);
      g_autofree char *b = values[i] (&england);
      const char *cells[] = { labels[i], a, b };

      wa_table_add_row (table, cells, WA_ROW_NORMAL);
    }
}

static gboolean
area_bbox (GPtrArray *wards, const WaArea *area, WaBBox *box)
{
  gboolean any = FALSE;

  if (area != NULL && area->geometry != NULL)
    {
      *box = *wa_geometry_get_bbox (area->geometry);
      return TRUE;
    }
  wa_bbox_init_empty (box);
  for (guint i = 0; i < wards->len; i++)
    {
      WaGeometry *g = wa_ward_get_geometry (g_ptr_array_index (wards, i));

      if (g != NULL)
        {
          wa_bbox_extend (box, wa_geometry_get_bbox (g));
          any = TRUE;
        }
    }
  return any;
}

static const char *
area_name (GPtrArray *wards, WaAreaKind kind, const WaArea *area)
{
  WaWard *first = wards->len > 0 ? g_ptr_array_index (wards, 0) : NULL;
  const char *name = NULL;

  /* The wards' own name for their council, as the rest of the briefing
   * and the ward panel give it; the boundary file's as a fallback. */
  if (first != NULL)
    name = kind == WA_AREA_LAD ? wa_ward_get_lad_name (first) : wa_ward_get_region_name (first);
  if ((name == NULL || *name == '\0') && area != NULL)
    name = area->name;
  return name;
}

WaBriefing *
wa_briefing_new_for_area (WaAtlas *atlas, WaAreaKind kind, const char *code, WaChange *change,
                          WaPalette palette, GError **error)
{
  g_autoptr(GPtrArray) wards = NULL;
  g_autoptr(WaMapStyle) style = NULL;
  g_autofree char *title = NULL, *subject = NULL, *keywords = NULL, *subtitle = NULL;
  g_autofree char *date = NULL, *edition = NULL, *meta = NULL, *method = NULL, *badge = NULL;
  const WaArea *area;
  const char *name, *region = NULL;
  WaAreaSummary summary;
  WaBriefing *b;
  WaBBox box;

  g_return_val_if_fail (WA_IS_ATLAS (atlas), NULL);
  g_return_val_if_fail (kind == WA_AREA_LAD || kind == WA_AREA_REGION, NULL);

  wards = wa_area_dup_wards (atlas, kind, code);
  area = code != NULL ? wa_atlas_lookup_area (atlas, kind, code) : NULL;
  name = area_name (wards, kind, area);
  if (wards->len == 0 || name == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_NOT_FOUND,
                   kind == WA_AREA_LAD ? _("%s: no local authority with code “%s” in this pack")
                                       : _("%s: no region with code “%s” in this pack"),
                   wa_atlas_get_path (atlas), code != NULL ? code : "");
      return NULL;
    }
  if (kind == WA_AREA_LAD)
    region = wa_ward_get_region_name (g_ptr_array_index (wards, 0));
  wa_area_summarize (wards, &summary);
  style = wa_map_style_new (atlas, palette);
  method = wa_rank_params_describe (wa_atlas_get_rank_params (atlas));
  title = g_strdup_printf (kind == WA_AREA_LAD ? _("Council area briefing: %s")
                                               : _("Region briefing: %s"), name);
  subject = g_strdup_printf (_("Left-behind wards and community need in %s: %s edition; %s"),
                             name, wa_edition_to_string (wa_atlas_get_edition (atlas)), method);
  keywords = g_strdup_printf ("%s, %s, IMD, CNI, left behind", code, name);
  b = wa_briefing_new (title, subject, keywords);
  wa_briefing_add_furniture (b, atlas);

  subtitle = region != NULL ? g_strdup_printf ("%s · %s", region, code) : g_strdup (code);
  date = wa_briefing_today ();
  edition = wa_briefing_edition_text (atlas);
  meta = g_strdup_printf (_("%s · Produced %s"), edition, date);
  badge = wa_briefing_method_sentence (atlas);
  wa_figure_add_title (b->doc, kind == WA_AREA_LAD ? _("Council area briefing")
                                                   : _("Region briefing"),
                       name, subtitle, meta, badge, FALSE);
  if (area_bbox (wards, area, &box))
    {
      b->map_aspect = AREA_MAP_ASPECT;
      b->map = wa_figure_add_map (b->doc, style, &box, &box, AREA_MAP_ASPECT, -1,
                                  kind == WA_AREA_LAD ? code : NULL,
                                  kind == WA_AREA_REGION ? code : NULL);
      {
        g_autofree char *alt = g_strdup_printf (_("Map of the wards of %s, shaded by combined "
                                                  "rank, darkest for greatest need; left-behind "
                                                  "wards have a double outline, pink outside and "
                                                  "blue inside."), name);

        wa_page_layout_set_figure_alt (b->doc, alt);
      }
      wa_briefing_add_markup (b->doc, 7.5, _("<i>Wards shaded by combined rank (darkest = greatest need); "
                                 "left-behind wards double-outlined (pink and blue); %s’s boundary dashed.</i>"),
                  name);
    }
  add_area_key_figures (b->doc, &summary);
  wa_page_layout_add_space (b->doc, 4);
  {
    g_autofree char *lb_people = wa_format_population_short (summary.left_behind_population);

    wa_briefing_add_markup (b->doc, 0, _("<b>%u of the %u wards</b> in %s are left behind under the method "
                             "used here (%s), home to <b>%s people</b>."),
                summary.n_left_behind, summary.n_wards, name, method, lb_people);
  }
  add_area_comparison (b->doc, atlas, &summary, name);
  wa_briefing_add_area_change (b->doc, atlas, wards, change);
  add_area_table (b->doc, wards, kind == WA_AREA_REGION);
  wa_briefing_add_area_social_infrastructure (b->doc, atlas, wards);
  wa_briefing_add_method_and_sources (b->doc, atlas, wards);
  return b;
}
