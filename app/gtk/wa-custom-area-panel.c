/* wa-custom-area-panel.c
 *
 * Every figure comes from wa_custom_area_compute and reaches the user
 * through wa-format; the panel only arranges them. The rows are rebuilt
 * on each new area, as the area panel does.
 */
#include <glib/gi18n.h>
#include <adwaita.h>
#include <math.h>

#include "wa-custom-area-panel.h"
#include "wa-format.h"

struct _WaCustomAreaPanel
{
  GtkWidget parent_instance;

  GtkScrolledWindow *scroller;
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkBox *groups_box;
  GtkWidget *save_button;

  WaAtlas *atlas;
  WaCustomArea *area;
  char *residents_text;
};

G_DEFINE_FINAL_TYPE (WaCustomAreaPanel, wa_custom_area_panel, GTK_TYPE_WIDGET)

enum {
  SIGNAL_WARD_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Wards listed by name at most; the rest are counted. */
#define MAX_WARD_ROWS 30

char *
wa_custom_area_would_rank_text (const WaCustomAreaFigures *figures, WaIndicator indicator)
{
  g_autofree char *rank = NULL;
  g_autofree char *of = NULL;

  if (figures->would_rank[indicator] == 0 || figures->n_ranked[indicator] == 0)
    return NULL;
  rank = wa_format_count (figures->would_rank[indicator]);
  of = wa_format_count (figures->n_ranked[indicator]);
  /* Translators: where a custom area's score would sit among the wards'
   * scores; it is not an official rank. */
  return g_strdup_printf (_("Would rank %s of %s wards"), rank, of);
}

char *
wa_custom_area_left_behind_text (const WaCustomAreaFigures *figures, WaLsoaFlag *out_flag)
{
  static const WaLsoaFlag order[] = { WA_LSOA_FLAG_PUBLISHED, WA_LSOA_FLAG_REPRODUCED,
                                      WA_LSOA_FLAG_CURRENT };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (!isnan (figures->share_flagged[order[i]]))
      {
        if (out_flag != NULL)
          *out_flag = order[i];
        return wa_format_percent (100.0 * figures->share_flagged[order[i]]);
      }
  return NULL;
}

static char *
share_text (double share)
{
  return isnan (share) ? g_strdup (_("No data")) : wa_format_percent (100.0 * share);
}

static GtkWidget *
add_row (GtkWidget *group, const char *title, const char *subtitle, const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);
  g_autofree char *description = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
    }
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  description = subtitle != NULL ? g_strdup_printf ("%s. %s", value, subtitle) : g_strdup (value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static GtkWidget *
new_group (WaCustomAreaPanel *self, const char *title, const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->groups_box, group);
  return group;
}

static void
clear_groups (WaCustomAreaPanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);
}

static char *
kind_text (WaCustomArea *area, const WaCustomAreaFigures *f)
{
  switch (wa_custom_area_get_kind (area))
    {
    case WA_CUSTOM_AREA_WARDS:
      {
        guint n = g_strv_length ((char **) wa_custom_area_get_codes (area));
        g_autofree char *count = wa_format_count (n);

        return g_strdup_printf (ngettext ("Custom area of %s ward", "Custom area of %s wards", n),
                                count);
      }
    case WA_CUSTOM_AREA_LSOAS:
      {
        guint n = g_strv_length ((char **) wa_custom_area_get_codes (area));
        g_autofree char *count = wa_format_count (n);

        return g_strdup_printf (ngettext ("Custom area of %s neighbourhood (LSOA)",
                                          "Custom area of %s neighbourhoods (LSOAs)", n), count);
      }
    case WA_CUSTOM_AREA_POLYGON:
    default:
      if (wa_custom_area_get_source (area) != NULL)
        {
          g_autofree char *base = g_path_get_basename (wa_custom_area_get_source (area));

          /* Translators: %s is a file name. */
          return g_strdup_printf (_("Custom area: a boundary imported from %s"), base);
        }
      return g_strdup (_("Custom area: a drawn boundary"));
    }
}

static void
on_ward_row_activated (WaCustomAreaPanel *self, AdwActionRow *row)
{
  WaWard *ward = g_object_get_data (G_OBJECT (row), "ward");

  if (ward != NULL)
    g_signal_emit (self, signals[SIGNAL_WARD_ACTIVATED], 0, ward);
}

static void
show_figures (WaCustomAreaPanel *self, const WaCustomAreaFigures *f)
{
  static const WaIndicator overall[] = { WA_INDICATOR_IMD, WA_INDICATOR_CNI };
  GtkWidget *group;
  g_autofree char *lb = NULL;
  WaLsoaFlag flag = WA_LSOA_FLAG_PUBLISHED;
  gboolean polygon = wa_custom_area_get_kind (self->area) == WA_CUSTOM_AREA_POLYGON;

  /* Residents: whole people, though a split LSOA gives a fraction. */
  self->residents_text = wa_format_count ((gint64) llround (f->population));
  group = new_group (self, _("People"), polygon && f->n_lsoas_split > 0
                     ? _("Estimated: residents of a split neighbourhood are counted by the share of its area inside the boundary.")
                     : NULL);
  add_row (group, _("Residents"), NULL, self->residents_text);

  group = new_group (self, _("Deprivation and need"),
                     _("Scores are the neighbourhoods’ scores weighted by residents. “Would rank” places "
                       "the score among the wards’ scores: it is not an official rank."));
  for (guint i = 0; i < G_N_ELEMENTS (overall); i++)
    {
      g_autofree char *score = NULL;
      g_autofree char *rank = NULL;

      if (isnan (f->score[overall[i]]))
        continue;
      score = wa_format_score (f->score[overall[i]], 2);
      rank = wa_custom_area_would_rank_text (f, overall[i]);
      add_row (group, wa_indicator_label (overall[i]), rank, score);
    }

  group = new_group (self, _("Share of residents"), NULL);
  {
    g_autofree char *imd = share_text (f->share_imd_decile1);
    g_autofree char *cni = share_text (f->share_cni_top10);

    add_row (group, _("In IMD decile 1 neighbourhoods"), _("The most deprived 10 % of England’s LSOAs"), imd);
    if (!isnan (f->share_cni_top10))
      add_row (group, _("In the CNI’s most deprived 10 %"), NULL, cni);
  }
  lb = wa_custom_area_left_behind_text (f, &flag);
  if (lb != NULL)
    add_row (group, _("In left-behind neighbourhoods"), wa_lsoa_flag_describe (flag), lb);

  {
    g_autofree char *whole = wa_format_count (f->n_lsoas_whole);
    g_autofree char *split = wa_format_count (f->n_lsoas_split);

    group = new_group (self, _("Neighbourhoods (LSOAs)"), f->n_lsoas_split > 0
                       ? _("Some neighbourhoods are split by the boundary: each counts by the share of "
                           "its area inside, as if its residents were spread evenly over it, which they are not.")
                       : NULL);
    add_row (group, _("Whole"), NULL, whole);
    if (polygon || f->n_lsoas_split > 0)
      add_row (group, _("Split by the boundary"), NULL, split);
  }

  if (f->wards != NULL && f->wards->len > 0)
    {
      g_autofree char *n = wa_format_count (f->wards->len);
      g_autofree char *title = g_strdup_printf (ngettext ("%s ward touched", "%s wards touched",
                                                          f->wards->len), n);

      group = new_group (self, title, NULL);
      for (guint i = 0; i < f->wards->len && i < MAX_WARD_ROWS; i++)
        {
          WaWard *ward = g_ptr_array_index (f->wards, i);
          g_autofree char *pop = wa_format_count (wa_ward_get_population (ward));
          GtkWidget *row = add_row (group, wa_ward_get_name (ward), wa_ward_get_lad_name (ward), pop);

          g_object_set_data_full (G_OBJECT (row), "ward", g_object_ref (ward), g_object_unref);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          g_signal_connect_object (row, "activated", G_CALLBACK (on_ward_row_activated), self,
                                   G_CONNECT_SWAPPED);
        }
      if (f->wards->len > MAX_WARD_ROWS)
        {
          g_autofree char *more = wa_format_count (f->wards->len - MAX_WARD_ROWS);
          g_autofree char *text = g_strdup_printf (_("and %s more"), more);

          add_row (group, text, NULL, "");
        }
    }

  group = new_group (self, _("Assets"),
                     _("Places inside the area per 1,000 residents, beside England’s rate."));
  for (guint c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    {
      const WaCustomAreaAssetFigures *a = &f->assets[c];
      g_autofree char *count = NULL;
      g_autofree char *rate = NULL;
      g_autofree char *england = NULL;
      g_autofree char *subtitle = NULL;

      if (!a->covered)
        {
          add_row (group, wa_asset_category_name (a->category),
                   _("Its data does not cover every ward the area touches"), _("No data"));
          continue;
        }
      count = wa_format_count (a->count);
      rate = wa_format_score (a->rate, 2);
      england = wa_format_score (a->england_rate, 2);
      /* Translators: rates of places per 1,000 residents. */
      subtitle = g_strdup_printf (_("%s per 1,000 residents · England %s"), rate, england);
      add_row (group, wa_asset_category_name (a->category), subtitle, count);
    }
}

gboolean
wa_custom_area_panel_set_area (WaCustomAreaPanel *self, WaAtlas *atlas, WaCustomArea *area,
                               GError **error)
{
  WaCustomAreaFigures figures = { 0 };
  g_autoptr(GError) local_error = NULL;
  g_autofree char *kind = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (WA_IS_CUSTOM_AREA_PANEL (self), FALSE);

  g_set_object (&self->atlas, atlas);
  g_set_object (&self->area, area);
  g_clear_pointer (&self->residents_text, g_free);
  clear_groups (self);
  if (area == NULL || atlas == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->subtitle_label, "");
      return TRUE;
    }

  gtk_label_set_text (self->title_label, wa_custom_area_get_name (area));
  kind = kind_text (area, NULL);
  if (wa_custom_area_get_note (area) != NULL)
    {
      g_autofree char *with_note = g_strdup_printf ("%s\n%s", kind, wa_custom_area_get_note (area));

      gtk_label_set_text (self->subtitle_label, with_note);
    }
  else
    gtk_label_set_text (self->subtitle_label, kind);

  if (wa_custom_area_compute (atlas, area, &figures, &local_error))
    show_figures (self, &figures);
  else
    {
      GtkWidget *group = new_group (self, _("No figures"), local_error->message);

      (void) group;
      ok = FALSE;
      if (error != NULL)
        *error = g_steal_pointer (&local_error);
    }
  wa_custom_area_figures_clear (&figures);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  return ok;
}

WaCustomArea *
wa_custom_area_panel_get_area (WaCustomAreaPanel *self)
{
  g_return_val_if_fail (WA_IS_CUSTOM_AREA_PANEL (self), NULL);
  return self->area;
}

const char *
wa_custom_area_panel_get_residents_text (WaCustomAreaPanel *self)
{
  g_return_val_if_fail (WA_IS_CUSTOM_AREA_PANEL (self), NULL);
  return self->residents_text;
}

static void
wa_custom_area_panel_dispose (GObject *object)
{
  WaCustomAreaPanel *self = WA_CUSTOM_AREA_PANEL (object);

  g_clear_object (&self->atlas);
  g_clear_object (&self->area);
  g_clear_pointer (&self->residents_text, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), WA_TYPE_CUSTOM_AREA_PANEL);
  G_OBJECT_CLASS (wa_custom_area_panel_parent_class)->dispose (object);
}

static void
wa_custom_area_panel_class_init (WaCustomAreaPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wa_custom_area_panel_dispose;
  signals[SIGNAL_WARD_ACTIVATED] = g_signal_new ("ward-activated", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 1, WA_TYPE_WARD);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wardatlas/WardAtlas/wa-custom-area-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, WaCustomAreaPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, WaCustomAreaPanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, WaCustomAreaPanel, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, WaCustomAreaPanel, groups_box);
  gtk_widget_class_bind_template_child (widget_class, WaCustomAreaPanel, save_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
wa_custom_area_panel_init (WaCustomAreaPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
wa_custom_area_panel_new (void)
{
  return g_object_new (WA_TYPE_CUSTOM_AREA_PANEL, NULL);
}

void
wa_custom_area_panel_set_can_save (WaCustomAreaPanel *self, gboolean can_save)
{
  g_return_if_fail (WA_IS_CUSTOM_AREA_PANEL (self));
  gtk_widget_set_visible (self->save_button, can_save);
}

gboolean
wa_custom_area_panel_get_can_save (WaCustomAreaPanel *self)
{
  g_return_val_if_fail (WA_IS_CUSTOM_AREA_PANEL (self), FALSE);
  return gtk_widget_get_visible (self->save_button);
}
