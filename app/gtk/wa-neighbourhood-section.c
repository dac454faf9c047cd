/* wa-neighbourhood-section.c
 *
 * A ward has a handful of LSOAs (up to a few dozen), so the rows are
 * rebuilt for each ward. The flag shown is OCSI's published one where the
 * edition has it: the list people have seen.
 */
#include <glib/gi18n.h>
#include <adwaita.h>
#include <math.h>

#include "wa-format.h"
#include "wa-neighbourhood-section.h"

struct _WaNeighbourhoodSection
{
  GtkWidget parent_instance;

  WaAtlas *atlas;
  WaWard *ward;
  GPtrArray *rows;              /* rows added to group */

  AdwPreferencesGroup *group;
};

G_DEFINE_FINAL_TYPE (WaNeighbourhoodSection, wa_neighbourhood_section, GTK_TYPE_WIDGET)

static void
clear_rows (WaNeighbourhoodSection *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
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
add_row (WaNeighbourhoodSection *self, const char *title, const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* LSOA names carry no markup, but ward names can ("&"). */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_preferences_group_add (self->group, row);
  g_ptr_array_add (self->rows, row);
}

static void
fill (WaNeighbourhoodSection *self)
{
  WaLsoas *lsoas = self->atlas != NULL ? wa_atlas_get_lsoas (self->atlas) : NULL;
  g_autofree char *summary = NULL;
  WaLsoaWardSummary s;
  const guint *indices;
  guint n;

  clear_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self), lsoas != NULL && self->ward != NULL
                                             && wa_lsoas_get_n (lsoas) > 0);
  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    return;
  wa_lsoas_summarise_ward (lsoas, wa_ward_get_index (self->ward), &s);
  summary = summary_text (lsoas, &s);
  adw_preferences_group_set_description (self->group, summary);
  indices = wa_lsoas_get_ward_lsoas (lsoas, wa_ward_get_index (self->ward), &n);
  for (guint i = 0; i < n; i++)
    {
      const WaLsoa *lsoa = wa_lsoas_get (lsoas, indices[i]);
      g_autofree char *subtitle = row_subtitle (lsoas, lsoa, s.population);

      add_row (self, lsoa->name != NULL ? lsoa->name : lsoa->code, subtitle);
    }
}

void
wa_neighbourhood_section_set_atlas (WaNeighbourhoodSection *self, WaAtlas *atlas)
{
  g_return_if_fail (WA_IS_NEIGHBOURHOOD_SECTION (self));

  g_set_object (&self->atlas, atlas);
  g_clear_object (&self->ward);
  fill (self);
}

void
wa_neighbourhood_section_set_ward (WaNeighbourhoodSection *self, WaWard *ward)
{
  g_return_if_fail (WA_IS_NEIGHBOURHOOD_SECTION (self));

  if (g_set_object (&self->ward, ward))
    fill (self);
}

static void
wa_neighbourhood_section_dispose (GObject *object)
{
  WaNeighbourhoodSection *self = WA_NEIGHBOURHOOD_SECTION (object);

  g_clear_object (&self->ward);
  g_clear_object (&self->atlas);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), WA_TYPE_NEIGHBOURHOOD_SECTION);
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
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
wa_neighbourhood_section_init (WaNeighbourhoodSection *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
