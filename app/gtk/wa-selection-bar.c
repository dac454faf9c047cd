/* wa-selection-bar.c
 *
 * Two lines: "Selection: 3 wards · 21,345 residents" (or "Selection:
 * 3 neighbourhoods (LSOAs) · 4,812 residents"), then the would-rank
 * places and the left-behind share, all from wa_custom_area_compute
 * (the window computes; see wa-window-areas.c) through wa-format.
 */
#include <glib/gi18n.h>

#include "wa-selection-bar.h"
#include "wa-custom-area-panel.h"
#include "wa-announcer.h"
#include "wa-format.h"

struct _WaSelectionBar
{
  GtkWidget parent_instance;

  GtkRevealer *revealer;
  GtkLabel *title_label;
  GtkLabel *details_label;
  GtkWidget *details_button;
  GtkWidget *save_button;
  GtkWidget *clear_button;
  GtkWidget *finish_button;
  GtkWidget *cancel_button;

  char *residents_text;
};

G_DEFINE_FINAL_TYPE (WaSelectionBar, wa_selection_bar, GTK_TYPE_WIDGET)

/* The selection's buttons, or the drawing's. */
static void
show_buttons (WaSelectionBar *self, gboolean drawing)
{
  gtk_widget_set_visible (self->details_button, !drawing);
  gtk_widget_set_visible (self->save_button, !drawing);
  gtk_widget_set_visible (self->clear_button, !drawing);
  gtk_widget_set_visible (self->finish_button, drawing);
  gtk_widget_set_visible (self->cancel_button, drawing);
}

void
wa_selection_bar_set_drawing (WaSelectionBar *self, guint n_points)
{
  g_autofree char *title = NULL;

  g_return_if_fail (WA_IS_SELECTION_BAR (self));

  g_clear_pointer (&self->residents_text, g_free);
  show_buttons (self, TRUE);
  /* Translators: a polygon being drawn on the map. */
  title = g_strdup_printf (ngettext ("Drawing an area: %u point", "Drawing an area: %u points",
                                     n_points), n_points);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->details_label,
                      _("Click to add points, double-click to finish, Escape to cancel"));
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), TRUE);
  if (!gtk_revealer_get_reveal_child (self->revealer))
    wa_announce (GTK_WIDGET (self), gtk_label_get_text (self->details_label));
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

const char *
wa_selection_bar_get_title (WaSelectionBar *self)
{
  g_return_val_if_fail (WA_IS_SELECTION_BAR (self), NULL);
  return gtk_revealer_get_reveal_child (self->revealer) ? gtk_label_get_text (self->title_label) : NULL;
}

static void
set_figures (WaSelectionBar *self, gboolean lsoas, guint n_wards,
             const WaCustomAreaFigures *f, const char *error)
{
  g_autofree char *count = NULL;
  g_autofree char *title = NULL;
  GString *details;

  g_clear_pointer (&self->residents_text, g_free);
  show_buttons (self, FALSE);
  if (n_wards == 0)
    {
      gtk_revealer_set_reveal_child (self->revealer, FALSE);
      return;
    }

  count = wa_format_count (n_wards);
  details = g_string_new (NULL);
  if (f != NULL && error == NULL)
    {
      static const WaIndicator overall[] = { WA_INDICATOR_IMD, WA_INDICATOR_CNI };
      static const char *const short_names[] = { N_("IMD"), N_("CNI") };
      g_autofree char *lb = wa_custom_area_left_behind_text (f, NULL);

      self->residents_text = wa_format_count ((gint64) (f->population + 0.5));
      if (lsoas)
        /* Translators: the neighbourhoods gathered with Ctrl+click and their residents. */
        title = g_strdup_printf (ngettext ("Selection: %s neighbourhood (LSOA) · %s residents",
                                           "Selection: %s neighbourhoods (LSOAs) · %s residents",
                                           n_wards),
                                 count, self->residents_text);
      else
        /* Translators: the wards gathered with Ctrl+click and their residents. */
        title = g_strdup_printf (ngettext ("Selection: %s ward · %s residents",
                                           "Selection: %s wards · %s residents", n_wards),
                                 count, self->residents_text);
      for (guint i = 0; i < G_N_ELEMENTS (overall); i++)
        {
          g_autofree char *rank = wa_custom_area_would_rank_text (f, overall[i]);

          if (rank == NULL)
            continue;
          if (details->len > 0)
            g_string_append (details, " · ");
          /* Translators: "IMD: Would rank 123 of 6,904 wards". */
          g_string_append_printf (details, _("%s: %s"), _(short_names[i]), rank);
        }
      if (lb != NULL)
        {
          if (details->len > 0)
            g_string_append (details, " · ");
          /* Translators: %s is a percentage, "12.5 %". */
          g_string_append_printf (details, _("%s in left-behind neighbourhoods"), lb);
        }
    }
  else
    {
      title = lsoas
        ? g_strdup_printf (ngettext ("Selection: %s neighbourhood (LSOA)",
                                     "Selection: %s neighbourhoods (LSOAs)", n_wards), count)
        : g_strdup_printf (ngettext ("Selection: %s ward", "Selection: %s wards", n_wards), count);
      g_string_append (details, error != NULL ? error : "");
    }

  gtk_label_set_text (self->title_label, title);
  gtk_widget_set_tooltip_text (self->save_button,
                               lsoas ? _("Save these neighbourhoods (LSOAs) as one of My Areas")
                                     : _("Save these wards as one of My Areas"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  lsoas ? _("Selection of neighbourhoods (LSOAs)")
                                        : _("Selection of wards"), -1);
  gtk_label_set_text (self->details_label, details->str);
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), details->len > 0);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
  wa_announce (GTK_WIDGET (self), title);
  g_string_free (details, TRUE);
}

void
wa_selection_bar_set_figures (WaSelectionBar *self, guint n_wards,
                              const WaCustomAreaFigures *f, const char *error)
{
  g_return_if_fail (WA_IS_SELECTION_BAR (self));
  set_figures (self, FALSE, n_wards, f, error);
}

void
wa_selection_bar_set_lsoa_figures (WaSelectionBar *self, guint n_lsoas,
                                   const WaCustomAreaFigures *f, const char *error)
{
  g_return_if_fail (WA_IS_SELECTION_BAR (self));
  set_figures (self, TRUE, n_lsoas, f, error);
}

const char *
wa_selection_bar_get_residents_text (WaSelectionBar *self)
{
  g_return_val_if_fail (WA_IS_SELECTION_BAR (self), NULL);
  return self->residents_text;
}

static void
wa_selection_bar_dispose (GObject *object)
{
  WaSelectionBar *self = WA_SELECTION_BAR (object);

  g_clear_pointer (&self->residents_text, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), WA_TYPE_SELECTION_BAR);
  G_OBJECT_CLASS (wa_selection_bar_parent_class)->dispose (object);
}

static void
wa_selection_bar_class_init (WaSelectionBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wa_selection_bar_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wardatlas/WardAtlas/wa-selection-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, WaSelectionBar, revealer);
  gtk_widget_class_bind_template_child (widget_class, WaSelectionBar, title_label);
  gtk_widget_class_bind_template_child (widget_class, WaSelectionBar, details_label);
  gtk_widget_class_bind_template_child (widget_class, WaSelectionBar, details_button);
  gtk_widget_class_bind_template_child (widget_class, WaSelectionBar, save_button);
  gtk_widget_class_bind_template_child (widget_class, WaSelectionBar, clear_button);
  gtk_widget_class_bind_template_child (widget_class, WaSelectionBar, finish_button);
  gtk_widget_class_bind_template_child (widget_class, WaSelectionBar, cancel_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "selectionbar");
  /* Escape in the bar empties the selection, as on the map. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.clear-selection", NULL);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
wa_selection_bar_init (WaSelectionBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Selection"), -1);
}
