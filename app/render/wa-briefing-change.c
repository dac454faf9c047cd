/* wa-briefing-change.c: the "Since 2019" block of a ward or council
 * briefing (README "Change since 2019"): where the ward stood in each
 * edition, in a figure and in words, what share of its residents the
 * crosswalk carries from which old ward, and the caveat line. Without a
 * change the block is one line saying why, never nothing. */
#include <math.h>
#include <glib/gi18n.h>

#include "wa-briefing-private.h"
#include "wa-change-export.h"
#include "wa-change-lookup.h"
#include "wa-format.h"

#define CHANGE_SIZE 8.5

/* The predecessors named in a ward's sentence; the rest are summed. */
#define MAX_NAMED 3

static const char *
then_id (void)
{
  return wa_edition_to_string (0);
}

static const char *
now_id (void)
{
  return wa_edition_to_string (wa_edition_newest ());
}

static const char *
vintage (gboolean old)
{
  return wa_edition_get_info (old ? 0 : wa_edition_newest ())->ward_vintage;
}

static char *
percent (double share)
{
  return wa_format_percent (round (share * 100));
}

char *
wa_briefing_position_text (double position)
{
  /* Below the line, one decimal rounded up (never "0 %"), unless that
   * reaches the line: then the decimals that keep it below. */
  if (position < 0.1)
    {
      double shown = MAX (ceil (position * 1000) / 10, 0.1);

      if (shown < WA_CHANGE_POSITION_LINE_PERCENT)
        return wa_format_percent (shown);
      return wa_format_percent_beside (position * 100, 1, WA_CHANGE_POSITION_LINE_PERCENT);
    }
  return wa_format_percent_beside (position * 100, 0, WA_CHANGE_POSITION_LINE_PERCENT);
}

/* "0.4 %" of the way from greatest to least need. */
static char *
position_text (double position)
{
  if (isnan (position))
    return g_strdup (_("not ranked"));
  return wa_briefing_position_text (position);
}

static const char *
status_words (gboolean left_behind)
{
  return left_behind ? _("left behind") : _("not left behind");
}

/* "7 of 7,421" for a ward of either edition. */
static char *
rank_of (WaChange *change, WaWard *ward, gboolean old)
{
  return wa_format_rank_of (wa_ward_get_combined_rank (ward),
                            wa_change_get_n_ranked (change, old, WA_CHANGE_POSITION_COMBINED));
}

/* One short line naming what the change cannot tell (the export
 * module's caveats, condensed for a page). */
static void
add_caveat_line (WaPageLayout *doc)
{
  wa_briefing_add_markup (doc, 6.5,
              _("<i>Positions are percentiles within each edition, not scores. CNI 2023 is not "
                "directly comparable with CNI 2019 (OCSI), and IMD %s and %s rank different "
                "LSOAs; the IMD decile-1 LSOA counts are the like-for-like figure. Where a ward's "
                "boundary changed, a change of position may be a boundary effect.</i>"),
              then_id (), now_id ());
}

void
wa_briefing_add_change_missing (WaPageLayout *doc)
{
  wa_briefing_add_markup (doc, 7.5,
              _("<b>Since %s:</b> not shown: this briefing was made without the other edition’s "
                "data pack (open both editions in Ward Atlas, or give ward-atlas-cli briefing "
                "--compare)."), then_id ());
}

/* "Marfleet (86 %; 7 of 7,421, left behind), Southcoates East (14 %; …)",
 * plain text: the paragraph escapes its arguments. */
static char *
predecessor_words (WaChange *change, const WaWardChange *c)
{
  GString *out = g_string_new (NULL);
  double rest = 0;
  guint n_rest = 0;

  for (guint p = 0; p < c->n_predecessors; p++)
    {
      const WaChangeLink *l = &c->predecessors[p];
      g_autofree char *share = percent (l->share_of_after);

      if (p >= MAX_NAMED || l->ward == NULL)
        {
          rest += l->share_of_after;
          n_rest++;
          continue;
        }
      {
        g_autofree char *rank = rank_of (change, l->ward, TRUE);
        g_autofree char *item = g_strdup_printf (_("%s (%s; %s in %s, %s)"),
                                                 wa_ward_get_name (l->ward), share, rank,
                                                 then_id (), status_words (l->left_behind));

        g_string_append_printf (out, "%s%s", out->len > 0 ? ", " : "", item);
      }
    }
  if (n_rest > 0)
    {
      g_autofree char *share = percent (rest);

      g_string_append_printf (out, ngettext (", and %u other ward (%s)", ", and %u other wards (%s)", n_rest), n_rest, share);
    }
  return g_string_free (out, FALSE);
}

/* The boundary and like-for-like sentences, as markup. */
static char *
boundary_sentence (const WaWardChange *c, const char *name)
{
  g_autofree char *changed = percent (c->changed_boundary_share);
  g_autofree char *tenth = wa_format_percent (10);

  return g_markup_printf_escaped (
              c->changed_boundary_share >= 0.05
              ? _("%s of the residents of %s (%s ward) come from %s wards whose boundary changed, so part of any "
                  "change in position may be a boundary effect. Like for like, its area holds %.0f "
                  "LSOAs in the most deprived %s on IMD %s and %.0f on IMD %s.")
              : _("%s of the residents of %s (%s ward) come from %s wards whose boundary changed: the positions "
                  "compare the same area. Like for like, its area holds %.0f LSOAs in the most "
                  "deprived %s on IMD %s and %.0f on IMD %s."),
              changed, name, vintage (FALSE), vintage (TRUE), c->decile1_then, tenth, then_id (),
              c->decile1_now, now_id ());
}

/* One paragraph, a little smaller than the body: the block must not cost
 * a briefing its page (README "Briefings and exports"). */
static void
add_sentences (WaPageLayout *doc, const char *first, const char *second)
{
  g_autofree char *text = g_strconcat (first, " ", second, NULL);

  wa_page_layout_add_paragraph (doc, text, CHANGE_SIZE);
}

/* The positions chart's text alternative. */
static char *
positions_alt (const char *name, const char *then_label, const char *now_label)
{
  g_autofree char *zero = wa_format_percent (0);
  g_autofree char *hundred = wa_format_percent (100);

  return g_strdup_printf (_("Combined position of %s from greatest need (%s) to least (%s): %s; %s."),
                          name, zero, hundred, then_label, now_label);
}

/* A ward of the newest edition: its own position now, its area's then. */
static void
add_new_ward_change (WaPageLayout *doc, WaChange *change, const WaWardChange *c)
{
  const char *name = wa_ward_get_name (c->ward);
  g_autofree char *rank_now = rank_of (change, c->ward, FALSE);
  g_autofree char *from = predecessor_words (change, c);
  g_autofree char *then_pos = position_text (c->position_then[WA_CHANGE_POSITION_COMBINED]);
  g_autofree char *now_pos = position_text (c->position_now[WA_CHANGE_POSITION_COMBINED]);
  g_autofree char *then_label = g_strdup_printf (_("%s (its %s wards): top %s"), then_id (), vintage (TRUE), then_pos);
  g_autofree char *now_label = g_strdup_printf (_("%s: top %s"), now_id (), now_pos);
  g_autofree char *alt = positions_alt (name, then_label, now_label);
  g_autofree char *first = g_markup_printf_escaped (
    _("<b>%s.</b> %s (%s ward) is %s wards in %s (%s). Its residents come from these %s wards: %s."),
    wa_change_category_label (c->category, c->partly), name, vintage (FALSE), rank_now, now_id (),
    status_words (c->left_behind_now), vintage (TRUE), from);
  g_autofree char *second = boundary_sentence (c, name);

  wa_figure_add_positions (doc, _("Combined position"), c->position_then[WA_CHANGE_POSITION_COMBINED],
                           then_label, c->position_now[WA_CHANGE_POSITION_COMBINED], now_label, alt);
  add_sentences (doc, first, second);
}

/* "Marfleet (100 %; 2 of 6,784 in 2025, left behind in both)". */
static char *
successor_words (WaChange *change, GArray *successors)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < successors->len && i < MAX_NAMED; i++)
    {
      const WaChangeSuccessor *s = &g_array_index (successors, WaChangeSuccessor, i);
      g_autofree char *share = percent (s->share_of_before);
      g_autofree char *rank = rank_of (change, s->change->ward, FALSE);
      g_autofree char *item = g_strdup_printf (_("%s (%s; %s in %s: %s)"),
                                               wa_ward_get_name (s->change->ward), share, rank,
                                               now_id (),
                                               wa_change_category_label (s->change->category,
                                                                         s->change->partly));

      g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", item);
    }
  return g_string_free (out, FALSE);
}

/* A ward of the oldest edition: its position then, where its residents
 * live now, and the position of the ward holding most of them. */
static void
add_old_ward_change (WaPageLayout *doc, WaChange *change, WaWard *ward, GArray *successors)
{
  const WaChangeSuccessor *main = &g_array_index (successors, WaChangeSuccessor, 0);
  const WaChangeLink *self = NULL;
  g_autofree char *rank_then = rank_of (change, ward, TRUE);
  g_autofree char *to = successor_words (change, successors);
  g_autofree char *then_pos = NULL, *now_pos = NULL, *now_label = NULL, *then_label = NULL, *alt = NULL;
  g_autofree char *first = NULL, *second = NULL;

  for (guint p = 0; p < main->change->n_predecessors; p++)
    if (main->change->predecessors[p].ward == ward)
      self = &main->change->predecessors[p];
  then_pos = position_text (self->position[WA_CHANGE_POSITION_COMBINED]);
  now_pos = position_text (main->change->position_now[WA_CHANGE_POSITION_COMBINED]);
  then_label = g_strdup_printf (_("%s: top %s"), then_id (), then_pos);
  now_label = g_strdup_printf (_("%s (%s, %s ward): top %s"), now_id (), wa_ward_get_name (main->change->ward),
                               vintage (FALSE), now_pos);
  alt = positions_alt (wa_ward_get_name (ward), then_label, now_label);
  wa_figure_add_positions (doc, _("Combined position"), self->position[WA_CHANGE_POSITION_COMBINED],
                           then_label, main->change->position_now[WA_CHANGE_POSITION_COMBINED],
                           now_label, alt);
  first = g_markup_printf_escaped (_("%s (%s ward) was %s wards in %s (%s). Its residents now live "
                                     "in these %s wards: %s."),
                                   wa_ward_get_name (ward), vintage (TRUE), rank_then, then_id (),
                                   status_words (self->left_behind), vintage (FALSE), to);
  second = boundary_sentence (main->change, wa_ward_get_name (main->change->ward));
  add_sentences (doc, first, second);
}

/* The ward's change when change was made from this ward's atlas (its
 * ward objects are the atlas's), else NULL. */
static const WaWardChange *
new_ward_change (WaChange *change, WaWard *ward)
{
  const WaWardChange *c = wa_change_lookup (change, wa_ward_get_code (ward));

  return c != NULL && c->ward == ward ? c : NULL;
}

static GArray *
old_ward_successors (WaChange *change, WaWard *ward)
{
  GArray *successors = wa_change_dup_successors (change, wa_ward_get_code (ward));
  const WaWardChange *main = successors->len > 0
    ? g_array_index (successors, WaChangeSuccessor, 0).change : NULL;

  for (guint p = 0; main != NULL && p < main->n_predecessors; p++)
    if (main->predecessors[p].ward == ward)
      return successors;
  g_array_unref (successors);
  return NULL;
}

void
wa_briefing_add_ward_change (WaPageLayout *doc, WaAtlas *atlas, WaWard *ward, WaChange *change)
{
  gboolean old = wa_atlas_get_edition (atlas) == 0;
  g_autoptr(GArray) successors = NULL;
  const WaWardChange *c = NULL;

  if (change != NULL)
    {
      if (old)
        successors = old_ward_successors (change, ward);
      else
        c = new_ward_change (change, ward);
    }
  if (c == NULL && successors == NULL)
    {
      wa_briefing_add_change_missing (doc);
      return;
    }
  {
    g_autofree char *heading = g_strdup_printf (_("Since %s"), then_id ());

    wa_page_layout_add_heading (doc, heading, 2);
  }
  if (c != NULL)
    add_new_ward_change (doc, change, c);
  else
    add_old_ward_change (doc, change, ward, successors);
  add_caveat_line (doc);
}

/* ---- a council or region ----------------------------------------------- */

/* The change that speaks for an area's ward: its own (newest edition),
 * or its main successor's (oldest). */
static const WaWardChange *
area_ward_change (WaChange *change, WaWard *ward, gboolean old)
{
  g_autoptr(GArray) successors = NULL;

  if (!old)
    return new_ward_change (change, ward);
  successors = old_ward_successors (change, ward);
  return successors != NULL ? g_array_index (successors, WaChangeSuccessor, 0).change : NULL;
}

static void
add_category_row (WaTable *table, WaChangeCategory category, GPtrArray *names, gint64 residents)
{
  g_autofree char *n = g_strdup_printf ("%u", names->len);
  g_autofree char *people = wa_format_count (residents);
  g_autofree char *list = NULL;

  g_ptr_array_add (names, NULL);
  list = g_strjoinv (", ", (char **) names->pdata);
  {
    const char *cells[] = { wa_change_category_label (category, FALSE), n, people, list };

    wa_table_add_row (table, cells, WA_ROW_NORMAL);
  }
}

static void
add_area_table (WaPageLayout *doc, gboolean old, GPtrArray **names, const gint64 *residents)
{
  static const double widths[] = { 0.25, 0.07, 0.12, 0.56 };
  static const PangoAlignment aligns[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
                                           PANGO_ALIGN_LEFT };
  g_autofree char *heading = g_strdup_printf (_("Since %s"), then_id ());
  g_autofree char *low = wa_format_percent (WA_CHANGE_PARTLY_LOW * 100);
  g_autofree char *high = wa_format_percent (WA_CHANGE_PARTLY_HIGH * 100);
  g_autofree char *wards_head = old ? g_strdup (_("Wards"))
    : g_strdup_printf (_("Wards (partly: %s–%s of residents from left-behind wards)"), low, high);
  const char *headers[] = { _("Category"), _("Number"), _("Residents"), wards_head };
  g_autofree char *caption = NULL;
  WaTable *table;

  wa_page_layout_add_heading (doc, heading, 2);
  /* The caption, not a paragraph: it stays with the table on one page. */
  caption = g_strdup_printf (old ? _("The area’s %s wards by the change category of the %s ward "
                                     "holding most of their residents (left behind in %s, and in %s)")
                                 : _("The area’s %s wards by whether they, and the %s wards their "
                                     "residents come from, were left behind in %s and in %s"),
                             vintage (old), vintage (!old), then_id (), now_id ());
  table = wa_page_layout_add_table (doc, caption, 4, headers, widths, aligns);
  for (int k = 0; k < WA_N_CHANGE_CATEGORIES; k++)
    add_category_row (table, k, names[k], residents[k]);
  add_caveat_line (doc);
}

void
wa_briefing_add_area_change (WaPageLayout *doc, WaAtlas *atlas, GPtrArray *wards, WaChange *change)
{
  gboolean old = wa_atlas_get_edition (atlas) == 0;
  GPtrArray *names[WA_N_CHANGE_CATEGORIES];
  gint64 residents[WA_N_CHANGE_CATEGORIES] = { 0 };
  guint n_found = 0;

  for (int k = 0; k < WA_N_CHANGE_CATEGORIES; k++)
    names[k] = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; change != NULL && i < wards->len; i++)
    {
      WaWard *w = g_ptr_array_index (wards, i);
      const WaWardChange *c = area_ward_change (change, w, old);

      if (c == NULL)
        continue;
      n_found++;
      g_ptr_array_add (names[c->category],
                       c->partly && !old ? g_strdup_printf (_("%s (partly)"), wa_ward_get_name (w))
                                 : g_strdup (wa_ward_get_name (w)));
      residents[c->category] += MAX (wa_ward_get_population (w), 0);
    }
  if (n_found > 0)
    add_area_table (doc, old, names, residents);
  else
    wa_briefing_add_change_missing (doc);
  for (int k = 0; k < WA_N_CHANGE_CATEGORIES; k++)
    g_ptr_array_unref (names[k]);
}


