/* wa-neighbourhood-section.c
 *
 * A ward has a handful of LSOAs (up to a few dozen). Their rows come from
 * a pool that grows to the most a ward has needed; a new ward only
 * changes their texts and hides the rows it does not need, since building
 * rows was half of this section's share of the panel's fill. The flag
 * shown is OCSI's published one where the edition has it: the list people
 * have seen.
 *
 * A neighbourhood clicked on the map gets a card above the list; its
 * figures come from wa_lsoas_get_facts (nothing is computed here).
 */
#include <glib/gi18n.h>
#include <adwaita.h>
#include <math.h>

#include "wa-format.h"
#include "wa-neighbourhood-section.h"
#include "wa-panel-row.h"

typedef struct
{
  GtkWidget *row;               /* a WaPanelRow in group */
  GtkWidget *mark;              /* its "clicked on the map" mark */
} LsoaRow;

struct _WaNeighbourhoodSection
{
  GtkWidget parent_instance;

  WaAtlas *atlas;
  WaWard *ward;
  GArray *rows;                 /* LsoaRow, the pool */
  int lsoa;                     /* clicked on the map, or -1 */
  guint scroll_tick;            /* brings the card into view after layout */
  guint scroll_frames;          /* frames since the card was asked for */
  guint scroll_still;           /* frames the card has held still */
  double scroll_last;           /* where the card was last frame */

  AdwPreferencesGroup *group;
  GtkWidget *card;
  GtkLabel *card_title;
  GtkLabel *card_body;
};

G_DEFINE_FINAL_TYPE (WaNeighbourhoodSection, wa_neighbourhood_section, GTK_TYPE_WIDGET)

static void fill_card (WaNeighbourhoodSection *self);

/* Shows the first n rows of the pool, growing it to n. */
static void
show_rows (WaNeighbourhoodSection *self, guint n)
{
  while (self->rows->len < n)
    {
      LsoaRow lsoa_row = { wa_panel_row_new (NULL),
                           gtk_image_new_from_icon_name ("mark-location-symbolic") };

      gtk_widget_set_tooltip_text (lsoa_row.mark, _("Clicked on the map"));
      wa_panel_row_add_suffix (WA_PANEL_ROW (lsoa_row.row), lsoa_row.mark);
      adw_preferences_group_add (self->group, lsoa_row.row);
      g_array_append_val (self->rows, lsoa_row);
    }
  for (guint i = 0; i < self->rows->len; i++)
    gtk_widget_set_visible (g_array_index (self->rows, LsoaRow, i).row, i < n);
}

static char *
summary_text (WaLsoas *lsoas, const WaLsoaWardSummary *s)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, g_dngettext (NULL, "%u neighbourhood (LSOA): %u in IMD decile 1",
                                             "%u neighbourhoods (LSOAs): %u in IMD decile 1",
                                             s->n_lsoas),
                          s->n_lsoas, s->n_imd_decile1);
  if (wa_lsoas_get_n_ranked (lsoas, WA_INDICATOR_CNI) > 0)
    g_string_append_printf (text, _(", %u with the CNI in the most deprived 10 %%"), s->n_cni_top10);
  g_string_append (text, ".");
  if (!isnan (s->share_flagged[WA_LSOA_FLAG_PUBLISHED]))
    {
      g_autofree char *share = wa_format_percent (100 * s->share_flagged[WA_LSOA_FLAG_PUBLISHED]);

      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("%s of residents live in left-behind neighbourhoods "
                                      "(published by OCSI for 2023)."), share);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
row_subtitle (WaLsoas *lsoas, const WaLsoa *lsoa, gint64 ward_population)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint imd = wa_lsoas_decile (lsoas, lsoa, WA_INDICATOR_IMD);
  guint cni = wa_lsoas_decile (lsoas, lsoa, WA_INDICATOR_CNI);

  if (imd > 0)
    g_string_append_printf (text, _("IMD decile %u"), imd);
  else
    g_string_append (text, _("No IMD rank"));
  if (wa_lsoas_get_n_ranked (lsoas, WA_INDICATOR_CNI) > 0)
    {
      g_string_append (text, " · ");
      if (cni > 0)
        g_string_append_printf (text, _("CNI decile %u"), cni);
      else
        g_string_append (text, _("no CNI rank"));
    }
  if (lsoa->population >= 0)
    {
      g_autofree char *residents = wa_format_count (lsoa->population);

      g_string_append (text, " · ");
      if (ward_population > 0)
        {
          g_autofree char *share = wa_format_percent (100.0 * lsoa->population / ward_population);

          g_string_append_printf (text, _("%s residents (%s of the ward)"), residents, share);
        }
      else
        g_string_append_printf (text, _("%s residents"), residents);
    }
  if (wa_lsoas_flag (lsoas, lsoa, WA_LSOA_FLAG_PUBLISHED) == 1)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("Left-behind neighbourhood (OCSI, 2023)"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
set_row (WaNeighbourhoodSection *self, guint i, const char *title, const char *subtitle,
         gboolean clicked)
{
  const LsoaRow *lsoa_row = &g_array_index (self->rows, LsoaRow, i);

  wa_panel_row_set_title (WA_PANEL_ROW (lsoa_row->row), title);
  wa_panel_row_set_subtitle (WA_PANEL_ROW (lsoa_row->row), subtitle);
  gtk_widget_set_visible (lsoa_row->mark, clicked);
  if (clicked)
    gtk_widget_add_css_class (lsoa_row->row, "lsoa-clicked");
  else
    gtk_widget_remove_css_class (lsoa_row->row, "lsoa-clicked");
}

static void
fill (WaNeighbourhoodSection *self)
{
  WaLsoas *lsoas = self->atlas != NULL ? wa_atlas_get_lsoas (self->atlas) : NULL;
  g_autofree char *summary = NULL;
  WaLsoaWardSummary s;
  const guint *indices;
  guint n;

  gtk_widget_set_visible (GTK_WIDGET (self), lsoas != NULL && self->ward != NULL
                                             && wa_lsoas_get_n (lsoas) > 0);
  fill_card (self);
  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    return;
  wa_lsoas_summarise_ward (lsoas, wa_ward_get_index (self->ward), &s);
  summary = summary_text (lsoas, &s);
  adw_preferences_group_set_description (self->group, summary);
  indices = wa_lsoas_get_ward_lsoas (lsoas, wa_ward_get_index (self->ward), &n);
  show_rows (self, n);
  for (guint i = 0; i < n; i++)
    {
      const WaLsoa *lsoa = wa_lsoas_get (lsoas, indices[i]);
      g_autofree char *subtitle = row_subtitle (lsoas, lsoa, s.population);

      set_row (self, i, lsoa->name != NULL ? lsoa->name : lsoa->code, subtitle,
               (int) indices[i] == self->lsoa);
    }
}

/* "IMD 2025: rank 2,515 of 33,755, decile 1". */
static void
append_rank (GString *text, WaLsoas *lsoas, const WaLsoa *lsoa, WaIndicator indicator,
             const char *index_name, const char *vintage, guint decile)
{
  g_autofree char *rank = wa_format_rank_of (lsoa->rank[indicator],
                                             wa_lsoas_get_n_ranked (lsoas, indicator));

  if (decile > 0)
    /* Translators: "IMD 2025: rank 2,515 of 33,755, decile 1 (most deprived)". */
    g_string_append_printf (text, _("%s %s: rank %s, decile %u%s"), index_name, vintage, rank, decile,
                            decile == 1 ? _(" (most deprived 10 %)") : "");
  else
    g_string_append_printf (text, _("%s %s: no rank"), index_name, vintage);
  g_string_append_c (text, '\n');
}

static const char *
flag_words (int flag)
{
  return flag == 1 ? _("yes") : flag == 0 ? _("no") : _("not known");
}

static void
fill_card (WaNeighbourhoodSection *self)
{
  WaLsoas *lsoas = self->atlas != NULL ? wa_atlas_get_lsoas (self->atlas) : NULL;
  const WaEditionInfo *info;
  g_autoptr(GString) body = NULL;
  g_autofree char *title = NULL;
  const WaLsoa *lsoa;
  WaLsoaFacts facts;

  if (lsoas == NULL || self->ward == NULL || self->lsoa < 0
      || (guint) self->lsoa >= wa_lsoas_get_n (lsoas))
    {
      gtk_widget_set_visible (self->card, FALSE);
      return;
    }
  lsoa = wa_lsoas_get (lsoas, self->lsoa);
  info = wa_edition_get_info (wa_atlas_get_edition (self->atlas));
  wa_lsoas_get_facts (lsoas, self->lsoa, &facts);
  /* Translators: an LSOA's name and code, "Kingston upon Hull 019D (E01012798)". */
  title = g_strdup_printf (_("%s (%s)"), lsoa->name != NULL ? lsoa->name : lsoa->code, lsoa->code);
  body = g_string_new (NULL);
  append_rank (body, lsoas, lsoa, WA_INDICATOR_IMD, _("IMD"), info->imd_vintage, facts.imd_decile);
  if (wa_lsoas_get_n_ranked (lsoas, WA_INDICATOR_CNI) > 0)
    append_rank (body, lsoas, lsoa, WA_INDICATOR_CNI, _("CNI"), "2023", facts.cni_decile);
  if (lsoa->population >= 0)
    {
      g_autofree char *residents = wa_format_count (lsoa->population);

      if (!isnan (facts.ward_share) && lsoa->ward_index == wa_ward_get_index (self->ward))
        {
          g_autofree char *share = wa_format_percent (100 * facts.ward_share);

          g_string_append_printf (body, _("%s residents, %s of the ward’s"), residents, share);
        }
      else if (!isnan (facts.ward_share))
        {
          g_autofree char *share = wa_format_percent (100 * facts.ward_share);

          /* LSOAs are not cut to ward boundaries: a click can land on the
           * part of one that lies in a neighbouring ward. */
          g_string_append_printf (body, _("%s residents, %s of those of %s, the ward whose "
                                          "figures count it (ONS best fit)"),
                                  residents, share,
                                  wa_ward_get_name (wa_atlas_get_ward (self->atlas, lsoa->ward_index)));
        }
      else
        g_string_append_printf (body, _("%s residents"), residents);
      g_string_append_c (body, '\n');
    }
  if (facts.flag[WA_LSOA_FLAG_PUBLISHED] < 0 && facts.flag[WA_LSOA_FLAG_REPRODUCED] < 0)
    g_string_append (body, _("Left-behind neighbourhood: OCSI published no neighbourhood list "
                             "for this edition"));
  else
    {
      g_string_append_printf (body, _("Left-behind neighbourhood (OCSI, 2023): %s"),
                              flag_words (facts.flag[WA_LSOA_FLAG_PUBLISHED]));
      g_string_append_c (body, '\n');
      g_string_append_printf (body, _("Recomputed with OCSI’s rule: %s; with the current IMD: %s"),
                              flag_words (facts.flag[WA_LSOA_FLAG_REPRODUCED]),
                              flag_words (facts.flag[WA_LSOA_FLAG_CURRENT]));
    }
  gtk_label_set_text (self->card_title, title);
  gtk_label_set_text (self->card_body, body->str);
  gtk_widget_set_visible (self->card, TRUE);
}

/* The section sits far down the panel: a card the user cannot see would
 * look like a click that did nothing. The panel scrolls so that the
 * card's top shows, following the layout until it has held still for a
 * few frames (the same click rebuilds the ward's panel, whose height
 * settles over several frames), for at most 90 frames: counted in frames,
 * not time, as the layout settles in passes, and a slow machine (or the
 * sanitizer build) draws fewer of them a second. */
#define CARD_SCROLL_MAX_FRAMES 90
#define CARD_SCROLL_STILL_FRAMES 3

static gboolean
scroll_to_card (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  WaNeighbourhoodSection *self = WA_NEIGHBOURHOOD_SECTION (widget);
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = scroller != NULL ? gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)) : NULL;
  graphene_point_t top;

  if (content != NULL && GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  if (content == NULL || !gtk_widget_get_visible (self->card)
      || ++self->scroll_frames > CARD_SCROLL_MAX_FRAMES
      || self->scroll_still >= CARD_SCROLL_STILL_FRAMES)
    {
      self->scroll_tick = 0;
      return G_SOURCE_REMOVE;
    }
  if (gtk_widget_compute_point (self->card, content, &GRAPHENE_POINT_INIT (0, 0), &top))
    {
      GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
      double target = MAX (top.y - 12, 0);

      gtk_adjustment_set_value (adj, target);
      /* Still once the panel is tall enough to reach the card and the
       * card has stopped moving. */
      self->scroll_still = fabs (gtk_adjustment_get_value (adj) - target) < 1
                           && fabs (target - self->scroll_last) < 1 ? self->scroll_still + 1 : 0;
      self->scroll_last = target;
    }
  return G_SOURCE_CONTINUE;
}

void
wa_neighbourhood_section_set_lsoa (WaNeighbourhoodSection *self, int lsoa_index)
{
  g_return_if_fail (WA_IS_NEIGHBOURHOOD_SECTION (self));

  if (self->lsoa == lsoa_index)
    return;
  self->lsoa = lsoa_index;
  fill (self);
  self->scroll_frames = 0;
  self->scroll_still = 0;
  self->scroll_last = -1;
  if (gtk_widget_get_visible (self->card) && self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_to_card, NULL, NULL);
}

int
wa_neighbourhood_section_get_lsoa (WaNeighbourhoodSection *self)
{
  g_return_val_if_fail (WA_IS_NEIGHBOURHOOD_SECTION (self), -1);
  return gtk_widget_get_visible (self->card) ? self->lsoa : -1;
}

char *
wa_neighbourhood_section_dup_card_text (WaNeighbourhoodSection *self)
{
  g_return_val_if_fail (WA_IS_NEIGHBOURHOOD_SECTION (self), NULL);
  if (!gtk_widget_get_visible (self->card))
    return NULL;
  return g_strconcat (gtk_label_get_text (self->card_title), "\n",
                      gtk_label_get_text (self->card_body), NULL);
}

void
wa_neighbourhood_section_set_atlas (WaNeighbourhoodSection *self, WaAtlas *atlas)
{
  g_return_if_fail (WA_IS_NEIGHBOURHOOD_SECTION (self));

  g_set_object (&self->atlas, atlas);
  g_clear_object (&self->ward);
  self->lsoa = -1;
  fill (self);
}

void
wa_neighbourhood_section_set_ward (WaNeighbourhoodSection *self, WaWard *ward)
{
  g_return_if_fail (WA_IS_NEIGHBOURHOOD_SECTION (self));

  if (g_set_object (&self->ward, ward))
    {
      /* Another ward: the card was for one of the last ward's LSOAs. */
      self->lsoa = -1;
      fill (self);
    }
}

static void
wa_neighbourhood_section_dispose (GObject *object)
{
  WaNeighbourhoodSection *self = WA_NEIGHBOURHOOD_SECTION (object);

  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
  self->scroll_tick = 0;
  g_clear_object (&self->ward);
  g_clear_object (&self->atlas);
  g_clear_pointer (&self->rows, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), WA_TYPE_NEIGHBOURHOOD_SECTION);
  /* The template's box holding the card and the group. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (wa_neighbourhood_section_parent_class)->dispose (object);
}

static void
wa_neighbourhood_section_class_init (WaNeighbourhoodSectionClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = wa_neighbourhood_section_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wardatlas/WardAtlas/wa-neighbourhood-section.ui");
  gtk_widget_class_bind_template_child (widget_class, WaNeighbourhoodSection, group);
  gtk_widget_class_bind_template_child (widget_class, WaNeighbourhoodSection, card);
  gtk_widget_class_bind_template_child (widget_class, WaNeighbourhoodSection, card_title);
  gtk_widget_class_bind_template_child (widget_class, WaNeighbourhoodSection, card_body);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
wa_neighbourhood_section_init (WaNeighbourhoodSection *self)
{
  self->rows = g_array_new (FALSE, FALSE, sizeof (LsoaRow));
  self->lsoa = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
