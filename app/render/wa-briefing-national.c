/* wa-briefing-national.c: the national "Change" briefing: which wards
 * entered and left the left-behind list between the oldest and newest
 * editions, and which were on it in both, by region, with the national
 * totals per category, the method and the caveats (README "Change since
 * 2019"). Its numbers are the change model's (wa-change.c), the same as
 * `ward-atlas-cli change` prints. */
#include <math.h>
#include <glib/gi18n.h>

#include "wa-briefing-private.h"
#include "wa-change-export.h"
#include "wa-format.h"
#include "wa-pack.h"

/* The categories listed ward by ward, in the order of the briefing. */
static const WaChangeCategory listed[] = {
  WA_CHANGE_NEWLY_LEFT_BEHIND,
  WA_CHANGE_NO_LONGER_LEFT_BEHIND,
  WA_CHANGE_LEFT_BEHIND_BOTH,
};

static char *
position_text (double position)
{
  if (isnan (position))
    return g_strdup ("–");
  return wa_briefing_position_text (position);
}

static char *
share_text (double share)
{
  return wa_format_percent (round (share * 100));
}

static void
add_title (WaBriefing *b, WaAtlas *before, WaAtlas *after)
{
  const char *then = wa_edition_to_string (wa_atlas_get_edition (before));
  const char *now = wa_edition_to_string (wa_atlas_get_edition (after));
  g_autofree char *subtitle = g_strdup_printf (_("England · %s → %s"),
                                               wa_edition_describe (wa_atlas_get_edition (before)),
                                               wa_edition_describe (wa_atlas_get_edition (after)));
  g_autofree char *date = wa_briefing_today ();
  g_autofree char *meta = g_strdup_printf (_("Produced %s"), date);
  g_autofree char *m_then = wa_rank_params_describe (wa_atlas_get_rank_params (before));
  g_autofree char *m_now = wa_rank_params_describe (wa_atlas_get_rank_params (after));

  /* The two methods are too long for the title's badge line. */
  wa_figure_add_title (b->doc, _("National briefing"), b->title, subtitle, meta, NULL, FALSE);
  wa_briefing_add_markup (b->doc, 0, _("<b>Left behind in %s:</b> %s. <b>In %s:</b> %s."),
                          then, m_then, now, m_now);
}

static void
add_key_figures (WaPageLayout *doc, WaChange *change, const char *then)
{
  WaChangeTotals t[WA_N_CHANGE_CATEGORIES];
  char *values[4], *details[4];
  const char *labels[] = { wa_change_category_label (WA_CHANGE_LEFT_BEHIND_BOTH, FALSE),
                           wa_change_category_label (WA_CHANGE_NEWLY_LEFT_BEHIND, FALSE),
                           wa_change_category_label (WA_CHANGE_NO_LONGER_LEFT_BEHIND, FALSE),
                           _("Still in left-behind wards") };
  double list = wa_change_get_list_residents_then (change), still;

  for (int k = 0; k < WA_N_CHANGE_CATEGORIES; k++)
    wa_change_get_totals (change, k, &t[k]);
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *people = wa_format_population_short ((gint64) round (t[i].residents_now));

      values[i] = g_strdup_printf (_("%u wards"), t[i].n_wards);
      details[i] = g_strdup_printf (_("%s residents"), people);
    }
  still = t[WA_CHANGE_LEFT_BEHIND_BOTH].list_residents_then + t[WA_CHANGE_NEWLY_LEFT_BEHIND].list_residents_then;
  values[3] = wa_format_percent (list > 0 ? round (still * 1000 / list) / 10 : 0);
  details[3] = g_strdup_printf (_("of the residents of the %s list"), then);
  wa_figure_add_key_figures (doc, 4, labels, (const char * const *) values, (const char * const *) details);
  for (int i = 0; i < 4; i++)
    {
      g_free (values[i]);
      g_free (details[i]);
    }
}

static guint
count_left_behind (WaAtlas *atlas)
{
  guint n = 0;

  for (guint i = 0; i < wa_atlas_get_n_wards (atlas); i++)
    n += wa_ward_get_left_behind (wa_atlas_get_ward (atlas, i));
  return n;
}

/* The national table: it must read as README's. */
static void
add_totals (WaPageLayout *doc, WaChange *change, WaAtlas *before, WaAtlas *after)
{
  static const double widths[] = { 0.34, 0.14, 0.26, 0.26 };
  static const PangoAlignment aligns[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
                                           PANGO_ALIGN_RIGHT };
  const char *then = wa_edition_to_string (wa_atlas_get_edition (before));
  const char *vintage = wa_edition_get_info (wa_atlas_get_edition (after))->ward_vintage;
  g_autofree char *h1 = g_strdup_printf (_("%s wards (partly)"), vintage);
  g_autofree char *h3 = g_strdup_printf (_("of whom on the %s list (mid-2019)"), then);
  const char *headers[] = { _("Category"), h1, _("Residents (Census 2021)"), h3 };
  double list = wa_change_get_list_residents_then (change), still;
  g_autofree char *list_text = wa_format_count ((gint64) round (list));
  g_autofree char *still_text = NULL, *still_pct = NULL;
  WaChangeTotals both, newly;
  WaTable *table;

  wa_page_layout_add_heading (doc, _("England: wards and residents per category"), 1);
  table = wa_page_layout_add_table (doc, NULL, 4, headers, widths, aligns);
  for (int k = 0; k < WA_N_CHANGE_CATEGORIES; k++)
    {
      WaChangeTotals t;
      g_autofree char *wards = NULL, *people = NULL, *from = NULL;

      wa_change_get_totals (change, k, &t);
      {
        g_autofree char *n = wa_format_count (t.n_wards);

        wards = t.n_partly > 0 ? g_strdup_printf ("%s (%u)", n, t.n_partly) : g_strdup (n);
      }
      people = wa_format_count ((gint64) round (t.residents_now));
      from = wa_format_count ((gint64) round (t.list_residents_then));
      {
        const char *cells[] = { wa_change_category_label (k, FALSE), wards, people, from };

        wa_table_add_row (table, cells, WA_ROW_NORMAL);
      }
    }
  wa_change_get_totals (change, WA_CHANGE_LEFT_BEHIND_BOTH, &both);
  wa_change_get_totals (change, WA_CHANGE_NEWLY_LEFT_BEHIND, &newly);
  still = both.list_residents_then + newly.list_residents_then;
  still_text = wa_format_count ((gint64) round (still));
  still_pct = wa_format_percent (list > 0 ? round (still * 100 / list) : 0);
  wa_briefing_add_markup (doc, 0,
              _("The %s residents (mid-2019) of the %u wards on the %s list are all carried "
                "through the crosswalk; <b>%s of them (%s) live in wards left behind in %s</b>."),
              list_text, count_left_behind (before), then, still_text, still_pct,
              wa_edition_to_string (wa_atlas_get_edition (after)));
}

static void
add_method (WaPageLayout *doc, WaAtlas *before, WaAtlas *after)
{
  const char *const *caveats = wa_change_export_caveats ();
  const char *then = wa_edition_to_string (wa_atlas_get_edition (before));
  const char *v_then = wa_edition_get_info (wa_atlas_get_edition (before))->ward_vintage;
  const char *v_now = wa_edition_get_info (wa_atlas_get_edition (after))->ward_vintage;
  const char *method = wa_atlas_get_metadata (after, WA_PACK_META_CROSSWALK_METHOD);
  g_autofree char *low = wa_format_percent (WA_CHANGE_PARTLY_LOW * 100);
  g_autofree char *high = wa_format_percent (WA_CHANGE_PARTLY_HIGH * 100);
  g_autofree char *zero = wa_format_percent (0);

  wa_page_layout_add_heading (doc, _("How the editions are compared"), 1);
  wa_briefing_add_markup (doc, 0,
              _("Ward boundaries changed between %s and %s, so each %s ward is traced to the %s "
                "wards its residents lived in, through small areas (LSOAs) and published ONS "
                "lookups only: %s."),
              v_then, v_now, v_now, v_then, method != NULL ? method : _("(not recorded in the pack)"));
  wa_briefing_add_markup (doc, 0,
              _("A %s ward counts as left behind in %s when more than %s of its residents "
                "lived in %s wards left behind then, as “partly” between %s and %s, and "
                "not at %s or less. Its %s position is that of those %s wards, weighted by "
                "their share of its residents. Positions are percentiles of combined rank "
                "(%s = greatest need); “changed boundary” is the share of residents from %s "
                "wards that are not the same area."),
              v_now, then, high, v_then, low, high, low, then, v_then, zero, v_then);
  wa_page_layout_add_heading (doc, _("Caveats"), 2);
  for (gsize i = 0; caveats[i] != NULL; i++)
    wa_briefing_add_markup (doc, 0, "• %s", caveats[i]);
}

/* "Marfleet 86 %, Southcoates East 14 %", the largest two and a count. */
static char *
from_text (const WaWardChange *c)
{
  GString *out = g_string_new (NULL);

  for (guint p = 0; p < c->n_predecessors && p < 2; p++)
    {
      const WaChangeLink *l = &c->predecessors[p];
      g_autofree char *share = share_text (l->share_of_after);

      g_string_append_printf (out, "%s%s %s%s", p > 0 ? ", " : "",
                              l->ward != NULL ? wa_ward_get_name (l->ward) : l->code, share,
                              l->left_behind ? " ●" : "");
    }
  if (c->n_predecessors > 2)
    g_string_append_printf (out, _(", +%u"), c->n_predecessors - 2);
  return g_string_free (out, FALSE);
}

static void
add_ward_row (WaTable *table, const WaWardChange *c)
{
  WaWard *w = c->ward;
  g_autofree char *name = c->partly ? g_strdup_printf (_("%s (partly)"), wa_ward_get_name (w))
                                    : g_strdup (wa_ward_get_name (w));
  g_autofree char *people = wa_ward_get_population (w) >= 0
                            ? wa_format_count (wa_ward_get_population (w)) : g_strdup ("–");
  g_autofree char *then = position_text (c->position_then[WA_CHANGE_POSITION_COMBINED]);
  g_autofree char *now = position_text (c->position_now[WA_CHANGE_POSITION_COMBINED]);
  g_autofree char *from = from_text (c);
  g_autofree char *changed = share_text (c->changed_boundary_share);
  const char *cells[] = { name, wa_ward_get_lad_name (w), people, then, now, from, changed };

  wa_table_add_row (table, cells, WA_ROW_NORMAL);
}

static int
compare_by_region (gconstpointer a, gconstpointer b)
{
  const WaWardChange *x = *(const WaWardChange **) a, *y = *(const WaWardChange **) b;
  int order = g_strcmp0 (wa_ward_get_region_name (x->ward), wa_ward_get_region_name (y->ward));

  if (order != 0)
    return order;
  return wa_ward_compare_by_combined_rank (&x->ward, &y->ward);
}

static const char *
region_of (GPtrArray *changes, guint i)
{
  return wa_ward_get_region_name (((const WaWardChange *) g_ptr_array_index (changes, i))->ward);
}

static WaTable *
region_table (WaPageLayout *doc, const char *region, guint n, const char *then, const char *now,
              const char *v_then)
{
  static const double widths[] = { 0.20, 0.17, 0.09, 0.08, 0.08, 0.30, 0.08 };
  static const PangoAlignment aligns[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT,
                                           PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_LEFT,
                                           PANGO_ALIGN_RIGHT };
  g_autofree char *from = g_strdup_printf (_("Residents from %s wards (● left behind)"), v_then);
  g_autofree char *then_head = g_strdup_printf (_("%s top"), then);
  g_autofree char *now_head = g_strdup_printf (_("%s top"), now);
  const char *headers[] = { _("Ward"), _("Council"), _("Residents"), then_head, now_head, from,
                            _("Changed boundary") };
  g_autofree char *heading = g_strdup_printf ("%s (%u)", region, n);

  wa_page_layout_add_heading (doc, heading, 2);
  return wa_page_layout_add_table (doc, NULL, 7, headers, widths, aligns);
}

static void
add_category (WaPageLayout *doc, WaChange *change, WaChangeCategory category, WaAtlas *before,
              WaAtlas *after)
{
  g_autoptr(GPtrArray) wards = g_ptr_array_new ();
  const char *then = wa_edition_to_string (wa_atlas_get_edition (before));
  const char *now = wa_edition_to_string (wa_atlas_get_edition (after));
  const char *v_then = wa_edition_get_info (wa_atlas_get_edition (before))->ward_vintage;
  g_autofree char *heading = NULL;
  g_autofree char *finest = wa_format_percent (0.1);
  WaTable *table = NULL;

  for (guint i = 0; i < wa_change_get_n_wards (change); i++)
    if (wa_change_get_ward (change, i)->category == category)
      g_ptr_array_add (wards, (gpointer) wa_change_get_ward (change, i));
  g_ptr_array_sort (wards, compare_by_region);
  heading = g_strdup_printf ("%s: %u", wa_change_category_label (category, FALSE), wards->len);
  wa_page_layout_add_heading (doc, heading, 1);
  wa_briefing_add_markup (doc, 7.5,
              _("By region, then by combined rank. “%s top” and “%s top”: the ward’s position "
                "among all wards of each edition, as the share of wards with at least its need "
                "(%s = among the most in need); the %s one is its %s wards’, weighted by "
                "residents. “Changed boundary”: residents from %s wards not on the same boundary."),
              then, now, finest, then, v_then, v_then);
  /* Sorted by region: a region's table starts where its name does. */
  for (guint i = 0; i < wards->len; i++)
    {
      const char *region = region_of (wards, i);

      if (i == 0 || g_strcmp0 (region, region_of (wards, i - 1)) != 0)
        {
          guint n = 0;

          for (guint j = i; j < wards->len && g_strcmp0 (region, region_of (wards, j)) == 0; j++)
            n++;
          table = region_table (doc, region, n, then, now, v_then);
        }
      add_ward_row (table, g_ptr_array_index (wards, i));
    }
}

/* The sources of the figures compared and of the crosswalk; asset, road
 * and postcode data say nothing here. */
static gboolean
source_wanted (const WaSourceInfo *s)
{
  static const char *const prefixes[] = { "crosswalk-", "lsoa-", "imd", "cni", "ward-", "official" };

  for (gsize i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (s->role != NULL && g_str_has_prefix (s->role, prefixes[i]))
      return TRUE;
  return FALSE;
}

static void
add_sources (WaPageLayout *doc, WaAtlas *before, WaAtlas *after)
{
  WaAtlas *atlases[] = { before, after };
  GString *run = g_string_new (NULL);

  wa_page_layout_add_heading (doc, _("Sources"), 1);
  for (guint a = 0; a < G_N_ELEMENTS (atlases); a++)
    {
      GPtrArray *sources = wa_atlas_get_sources (atlases[a]);

      for (guint i = 0; i < sources->len; i++)
        {
          const WaSourceInfo *s = g_ptr_array_index (sources, i);
          g_autofree char *item = NULL;

          if (!source_wanted (s))
            continue;
          item = g_markup_printf_escaped ("%s. <i>%s</i>. %s. %s", s->title != NULL ? s->title : s->id,
                                          s->publisher != NULL ? s->publisher : "",
                                          s->licence != NULL ? s->licence : "",
                                          s->attribution != NULL ? s->attribution : "");
          g_string_append_printf (run, "%s• %s", run->len > 0 ? "\n" : "", item);
        }
    }
  wa_page_layout_add_paragraph (doc, run->str, 7);
  g_string_free (run, TRUE);
}

WaBriefing *
wa_briefing_new_for_change (WaChange *change, WaAtlas *before, WaAtlas *after)
{
  const char *then = wa_edition_to_string (wa_atlas_get_edition (before));
  const char *now = wa_edition_to_string (wa_atlas_get_edition (after));
  g_autofree char *title = g_strdup_printf (_("Left-behind wards since %s"), then);
  g_autofree char *subject = g_strdup_printf (_("Wards that entered and left the left-behind list "
                                                "between the %s and %s editions, by region"), then, now);
  g_autofree char *header = NULL;
  WaBriefing *b;

  g_return_val_if_fail (WA_IS_CHANGE (change) && WA_IS_ATLAS (before) && WA_IS_ATLAS (after), NULL);

  b = wa_briefing_new (title, subject, "England, IMD, CNI, left behind, change, crosswalk");
  wa_briefing_add_furniture (b, after);
  header = g_strdup_printf (_("%s · Editions %s and %s"), title, then, now);
  wa_page_layout_set_running_header (b->doc, header);
  add_title (b, before, after);
  add_key_figures (b->doc, change, then);
  add_totals (b->doc, change, before, after);
  add_method (b->doc, before, after);
  {
    WaAtlas *atlases[] = { before, after };

    wa_briefing_add_benchmark (b->doc, atlases, before == after ? 1 : 2);
  }
  for (gsize i = 0; i < G_N_ELEMENTS (listed); i++)
    add_category (b->doc, change, listed[i], before, after);
  add_sources (b->doc, before, after);
  return b;
}
