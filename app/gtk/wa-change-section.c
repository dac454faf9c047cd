/* wa-change-section.c
 *
 * A handful of rows per ward (a ward has one to a few old or new wards),
 * rebuilt at each fill. Whether the ward is old or new is read from the
 * change itself: a new ward is one the change lists (the same WaWard, not
 * only the same code: a kept code names a ward in both editions).
 */
#include <glib/gi18n.h>
#include <adwaita.h>
#include <math.h>

#include "wa-change-lookup.h"
#include "wa-change-export.h"
#include "wa-change-section.h"
#include "wa-change-table.h"
#include "wa-format.h"
#include "wa-panel-row.h"

struct _WaChangeSection
{
  GtkWidget parent_instance;

  WaChange *change;
  WaWard *ward;
  gboolean loading;
  GPtrArray *rows;              /* rows added to links_group */

  GtkWidget *root;

  GtkLabel *note_label;
  GtkLabel *category_label;
  GtkLabel *summary_label;
  AdwPreferencesGroup *links_group;
  GtkWidget *load_button;
  GtkLabel *caveat_label;
};

G_DEFINE_FINAL_TYPE (WaChangeSection, wa_change_section, GTK_TYPE_WIDGET)

/* A percentile of rank (0.0003 = 0.03 %, most in need first), as the
 * table writes it. */
static char *
format_position (double position)
{
  if (isnan (position))
    return g_strdup (_("not ranked"));
  return wa_change_format_position (position);
}

/* Decile-1 LSOAs: a split 2011 LSOA counts in proportion, so not always whole. */
static char *
format_count (double count)
{
  if (fabs (count - round (count)) < 0.05)
    return g_strdup_printf ("%.0f", count);
  return g_strdup_printf ("%.1f", count);
}

static const char *
vintage (gboolean old)
{
  return wa_edition_get_info (old ? 0 : wa_edition_newest ())->ward_vintage;
}

static void
clear_rows (WaChangeSection *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->links_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static void
add_row (WaChangeSection *self, const char *title, const char *subtitle)
{
  GtkWidget *row = wa_panel_row_new (title);

  wa_panel_row_set_subtitle (WA_PANEL_ROW (row), subtitle);
  adw_preferences_group_add (self->links_group, row);
  g_ptr_array_add (self->rows, row);
}

static void
fill_new (WaChangeSection *self, const WaWardChange *c)
{
  g_autofree char *then = format_position (c->position_then[WA_CHANGE_POSITION_COMBINED]);
  g_autofree char *now = format_position (c->position_now[WA_CHANGE_POSITION_COMBINED]);
  g_autofree char *d_then = format_count (c->decile1_then), *d_now = format_count (c->decile1_now);
  g_autofree char *summary = NULL;
  g_autofree char *title = g_strdup_printf (_("Made from %s wards"), vintage (TRUE));
  g_autofree char *top = wa_format_percent (1);
  g_autofree char *from_list = wa_format_percent (round (100 * c->share_left_behind_then));
  g_autofree char *changed = wa_format_percent (round (100 * c->changed_boundary_share));

  gtk_label_set_text (self->category_label, wa_change_category_label (c->category, c->partly));
  /* Translators: positions are percentiles of the combined rank, 1 % = most in need. */
  summary = g_strdup_printf (_("Combined position (%s = most in need): %s in 2019, %s now.\n"
                               "Residents from wards on the 2019 list: %s. "
                               "Left behind now: %s.\n"
                               "On a changed ward boundary: %s of residents.\n"
                               "LSOAs in IMD decile 1 in this area: %s in 2019, %s in 2025."),
                             top, then, now, from_list,
                             c->left_behind_now ? _("yes") : _("no"),
                             changed, d_then, d_now);
  gtk_label_set_text (self->summary_label, summary);
  adw_preferences_group_set_title (self->links_group, title);
  for (guint i = 0; i < c->n_predecessors; i++)
    {
      const WaChangeLink *link = &c->predecessors[i];
      g_autofree char *position = format_position (link->position[WA_CHANGE_POSITION_COMBINED]);
      g_autofree char *share = wa_format_percent (round (100 * link->share_of_after));
      g_autofree char *row_title = g_strdup_printf ("%s (%s)", link->ward ? wa_ward_get_name (link->ward)
                                                                          : link->code, link->code);
      /* Translators: an old ward of a new one: share of the new ward's
       * residents, its 2019 combined position, its 2019 status. */
      g_autofree char *subtitle = g_strdup_printf (_("%s of residents · 2019 position %s · %s"),
                                                   share, position,
                                                   link->left_behind ? _("left behind in 2019")
                                                                     : _("not left behind in 2019"));

      add_row (self, row_title, subtitle);
    }
}

static void
fill_old (WaChangeSection *self, GArray *successors)
{
  const WaChangeSuccessor *main = &g_array_index (successors, WaChangeSuccessor, 0);
  const WaWardChange *m = main->change;
  g_autofree char *category = NULL, *summary = NULL;
  g_autofree char *d_then = format_count (m->decile1_then), *d_now = format_count (m->decile1_now);
  g_autofree char *title = g_strdup_printf (_("Now in %s wards"), vintage (FALSE));

  /* Translators: the main successor's name and year, then its change category. */
  category = g_strdup_printf (_("Mostly %s (%s) now: %s"), wa_ward_get_name (m->ward), vintage (FALSE),
                              wa_change_category_label (m->category, m->partly));
  gtk_label_set_text (self->category_label, category);
  summary = g_strdup_printf (_("LSOAs in IMD decile 1 in %s (%s): %s in 2019, %s in 2025."),
                             wa_ward_get_name (m->ward), vintage (FALSE), d_then, d_now);
  gtk_label_set_text (self->summary_label, summary);
  adw_preferences_group_set_title (self->links_group, title);
  for (guint i = 0; i < successors->len; i++)
    {
      const WaChangeSuccessor *s = &g_array_index (successors, WaChangeSuccessor, i);
      g_autofree char *position = format_position (s->change->position_now[WA_CHANGE_POSITION_COMBINED]);
      g_autofree char *share = wa_format_percent (round (100 * s->share_of_before));
      g_autofree char *row_title = g_strdup_printf ("%s (%s)", wa_ward_get_name (s->change->ward),
                                                    wa_ward_get_code (s->change->ward));
      /* Translators: a new ward of an old one: share of the old ward's
       * residents, its 2025 combined position, its change category. */
      g_autofree char *subtitle = g_strdup_printf (_("%s of this ward’s residents · 2025 position %s · %s"),
                                                   share, position,
                                                   wa_change_category_label (s->change->category,
                                                                             s->change->partly));

      add_row (self, row_title, subtitle);
    }
}

static void
show_message (WaChangeSection *self, const char *text, gboolean offer_load)
{
  gtk_label_set_text (self->category_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->links_group), FALSE);
  gtk_widget_set_visible (self->load_button, offer_load);
  gtk_widget_set_visible (GTK_WIDGET (self->caveat_label), FALSE);
}

static void
fill (WaChangeSection *self)
{
  const WaWardChange *c;
  g_autoptr(GArray) successors = NULL;

  clear_rows (self);
  gtk_widget_set_visible (self->load_button, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->links_group), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->caveat_label), TRUE);
  if (self->ward == NULL)
    return;
  if (self->change == NULL)
    {
      show_message (self, self->loading ? _("Reading the other edition…")
                                        : _("Compare this ward with the other edition."),
                    !self->loading);
      return;
    }
  c = wa_change_lookup (self->change, wa_ward_get_code (self->ward));
  if (c != NULL && c->ward == self->ward)
    {
      fill_new (self, c);
      return;
    }
  successors = wa_change_dup_successors (self->change, wa_ward_get_code (self->ward));
  if (successors->len > 0)
    fill_old (self, successors);
  else
    show_message (self, _("This ward is not in the crosswalk between the editions."), FALSE);
}

void
wa_change_section_set_change (WaChangeSection *self, WaChange *change, gboolean loading)
{
  g_return_if_fail (WA_IS_CHANGE_SECTION (self));
  g_set_object (&self->change, change);
  self->loading = loading;
  fill (self);
}

void
wa_change_section_set_ward (WaChangeSection *self, WaWard *ward)
{
  g_return_if_fail (WA_IS_CHANGE_SECTION (self));
  if (!g_set_object (&self->ward, ward))
    return;
  wa_change_section_set_note (self, NULL);
  fill (self);
}

void
wa_change_section_set_note (WaChangeSection *self, const char *note)
{
  g_return_if_fail (WA_IS_CHANGE_SECTION (self));
  gtk_label_set_text (self->note_label, note ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL);
}

static void
wa_change_section_dispose (GObject *object)
{
  WaChangeSection *self = WA_CHANGE_SECTION (object);

  g_clear_object (&self->change);
  g_clear_object (&self->ward);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), WA_TYPE_CHANGE_SECTION);
  G_OBJECT_CLASS (wa_change_section_parent_class)->dispose (object);
}

static void
wa_change_section_class_init (WaChangeSectionClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = wa_change_section_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wardatlas/WardAtlas/wa-change-section.ui");
  gtk_widget_class_bind_template_child (widget_class, WaChangeSection, root);
  gtk_widget_class_bind_template_child (widget_class, WaChangeSection, note_label);
  gtk_widget_class_bind_template_child (widget_class, WaChangeSection, category_label);
  gtk_widget_class_bind_template_child (widget_class, WaChangeSection, summary_label);
  gtk_widget_class_bind_template_child (widget_class, WaChangeSection, links_group);
  gtk_widget_class_bind_template_child (widget_class, WaChangeSection, load_button);
  gtk_widget_class_bind_template_child (widget_class, WaChangeSection, caveat_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
wa_change_section_init (WaChangeSection *self)
{
  g_autofree char *caveats = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  caveats = g_strjoinv (" ", (char **) wa_change_export_caveats ());
  gtk_label_set_text (self->caveat_label, caveats);
}

GtkWidget *
wa_change_section_new (void)
{
  return g_object_new (WA_TYPE_CHANGE_SECTION, NULL);
}
