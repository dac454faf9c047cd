/* wa-area-panel.c
 *
 * Rebuilt on each change: a council has a few dozen wards and England nine
 * regions, so a rebuild costs less than keeping rows in step. Every figure
 * comes from wa_area_summarize; this file only lays them out.
 */
#include <glib/gi18n.h>
#include <adwaita.h>
#include <math.h>

#include "wa-a11y-names.h"
#include "wa-area-panel.h"
#include "wa-area-summary.h"
#include "wa-asset-benchmark.h"
#include "wa-asset-symbol-icon.h"
#include "wa-format.h"
#include "wa-panel-row.h"

/* How many of a council's wards are listed, greatest need first. */
#define N_WORST_WARDS 5

struct _WaAreaPanel
{
  GtkWidget parent_instance;

  WaAtlas *atlas;
  char *lad_code;

  GtkScrolledWindow *scroller;
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkWidget *briefing_button;
  GtkBox *groups_box;
};

G_DEFINE_FINAL_TYPE (WaAreaPanel, wa_area_panel, GTK_TYPE_WIDGET)

enum { SIGNAL_WARD_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* "5 wards · 45,210 people". */
static char *
left_behind_text (const WaAreaSummary *summary)
{
  g_autofree char *wards = wa_format_count (summary->n_left_behind);
  g_autofree char *people = wa_format_population_short (summary->left_behind_population);

  /* Translators: left-behind wards and the people living in them. */
  return g_strdup_printf (ngettext ("%s ward · %s people", "%s wards · %s people",
                                    summary->n_left_behind), wards, people);
}

static GtkWidget *
add_row (GtkWidget *group, const char *title, const char *value)
{
  GtkWidget *row = wa_panel_row_new (title);
  GtkWidget *label = gtk_label_new (value);

  gtk_widget_add_css_class (label, "numeric");
  wa_panel_row_add_suffix (WA_PANEL_ROW (row), label);
  /* A screen reader hears the figure with its title. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  value, -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static GtkWidget *
new_group (WaAreaPanel *self, const char *title, const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->groups_box, group);
  return group;
}

static void
on_ward_row_activated (WaAreaPanel *self, WaPanelRow *row)
{
  g_signal_emit (self, signals[SIGNAL_WARD_ACTIVATED], 0,
                 g_object_get_data (G_OBJECT (row), "ward"));
}

static void
add_summary_rows (GtkWidget *group, const WaAreaSummary *summary)
{
  g_autofree char *wards = wa_format_count (summary->n_wards);
  g_autofree char *left_behind = left_behind_text (summary);
  g_autofree char *population = wa_format_population_short (summary->population);

  add_row (group, _("Wards"), wards);
  add_row (group, _("Population"), population);
  add_row (group, _("Left behind"), left_behind);
}

/* A rate per 100,000 residents, with one decimal as the APPG writes them;
 * "none" for a group without residents. */
static char *
rate_text (double rate)
{
  return isnan (rate) ? g_strdup (C_("rate", "none")) : wa_format_score (rate, 1);
}

/* A category's row: its symbol, its name, the figures as the subtitle
 * (never cut: as many lines as they need); a screen reader hears the
 * name with the figures. */
static void
add_category_row (GtkWidget *group, WaAssetCategory category, const char *figures)
{
  GtkWidget *row = wa_panel_row_new (wa_asset_category_name (category));
  g_auto(GStrv) lines = g_strsplit (figures, "\n", -1);
  g_autofree char *spoken = g_strjoinv ("; ", lines);
  g_autofree char *name = NULL;

  wa_panel_row_set_subtitle (WA_PANEL_ROW (row), figures);
  wa_panel_row_add_prefix (WA_PANEL_ROW (row), wa_asset_symbol_icon_new (category, 20));
  /* Translators: a category for screen readers with its figures, e.g.
   * "Pharmacies: Left-behind wards 21.3 · other deprived 22.0; England
   * 18.4 per 100,000 residents; 40 % of left-behind wards below …". */
  name = g_strdup_printf (_("%s: %s"), wa_asset_category_name (category), spoken);
  wa_a11y_own_row_name (row);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

/* The APPG's three-way benchmark of one national category, in three
 * lines: "Left-behind wards 21.3 · other deprived 22.0", "England 18.4
 * per 100,000 residents", "40 % of left-behind wards below England's rate". */
static char *
benchmark_figures (const WaBenchmarkRow *row)
{
  g_autofree char *lb = rate_text (row->groups[WA_BENCHMARK_LEFT_BEHIND].rate);
  g_autofree char *deprived = rate_text (row->groups[WA_BENCHMARK_OTHER_DEPRIVED].rate);
  g_autofree char *england = rate_text (row->england.rate);
  /* Lines of their own: wrapped where the panel's width falls, the
   * figures read badly ("… other deprived 5.0 · / England 5.2 per …"). */
  g_autofree char *rates = g_strdup_printf (_("Left-behind wards %s · other deprived %s\n"
                                              "England %s per 100,000 residents"),
                                            lb, deprived, england);
  g_autofree char *percent = NULL;

  if (isnan (row->share_left_behind_below))
    return g_steal_pointer (&rates);
  percent = wa_format_score (100 * row->share_left_behind_below, 0);
  /* Translators: the rates, then the share of left-behind wards, e.g. "40". */
  return g_strdup_printf (_("%s\n%s %% of left-behind wards below England’s rate"), rates, percent);
}

/* NULL when the pack has no data covering all of England, or while its
 * assets are still being read (the app's open reads them after the first
 * map frame): the panel is rebuilt with them on "assets-ready". */
static GArray *
dup_benchmark (WaAreaPanel *self)
{
  GArray *rows;

  if (!wa_atlas_assets_ready (self->atlas))
    return NULL;
  rows = wa_asset_benchmark_dup_rows (self->atlas);

  if (rows->len > 0)
    return rows;
  g_array_unref (rows);
  return NULL;
}

static void
add_benchmark_group (WaAreaPanel *self)
{
  g_autoptr(GArray) rows = dup_benchmark (self);
  GtkWidget *group;

  if (rows == NULL)
    return;
  group = new_group (self, _("Social Infrastructure"), wa_asset_benchmark_definition ());
  for (guint i = 0; i < rows->len; i++)
    {
      const WaBenchmarkRow *row = &g_array_index (rows, WaBenchmarkRow, i);
      g_autofree char *figures = benchmark_figures (row);

      add_category_row (group, row->category, figures);
    }
}

/* The council's own rate of each national category beside England's. */
static void
add_council_benchmark_group (WaAreaPanel *self, GPtrArray *wards)
{
  g_autoptr(GArray) rows = dup_benchmark (self);
  GtkWidget *group;

  if (rows == NULL)
    return;
  group = new_group (self, _("Social Infrastructure"),
                     _("Places per 100,000 residents: all places in the council’s wards over all "
                       "their residents, beside England’s rate."));
  for (guint i = 0; i < rows->len; i++)
    {
      const WaBenchmarkRow *row = &g_array_index (rows, WaBenchmarkRow, i);
      WaBenchmarkFigures council;
      g_autofree char *own = NULL, *england = NULL, *figures = NULL;

      wa_asset_benchmark_sum_wards (self->atlas, wards, row->category, &council);
      own = rate_text (council.rate);
      england = rate_text (row->england.rate);
      /* The group's description gives the unit: a row of one line. */
      figures = g_strdup_printf (_("This council %s · England %s"), own, england);
      add_category_row (group, row->category, figures);
    }
}

static void
show_council (WaAreaPanel *self, const WaArea *lad)
{
  g_autoptr(GPtrArray) wards = wa_area_dup_wards (self->atlas, WA_AREA_LAD, lad->code);
  WaAreaSummary summary;
  GtkWidget *group;
  guint n_ranked = 0;

  wa_area_summarize (wards, &summary);
  for (guint i = 0; i < wa_atlas_get_n_wards (self->atlas); i++)
    n_ranked += wa_ward_get_combined_rank (wa_atlas_get_ward (self->atlas, i)) > 0;
  gtk_label_set_text (self->title_label, lad->name);
  gtk_label_set_text (self->subtitle_label, lad->region_name ? lad->region_name : "");
  gtk_widget_set_visible (self->briefing_button, TRUE);
  add_summary_rows (new_group (self, _("This Council"), NULL), &summary);

  group = new_group (self, _("Greatest Need"),
                     _("Its wards with the lowest combined rank (1 = greatest need in England)."));
  for (guint i = 0; i < MIN (wards->len, N_WORST_WARDS); i++)
    {
      WaWard *ward = g_ptr_array_index (wards, i);
      g_autofree char *rank = wa_format_rank_of (wa_ward_get_combined_rank (ward), n_ranked);
      GtkWidget *row = add_row (group, wa_ward_get_name (ward), rank);

      g_object_set_data (G_OBJECT (row), "ward", ward);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      if (wa_ward_get_left_behind (ward))
        wa_panel_row_set_subtitle (WA_PANEL_ROW (row), _("Left behind"));
      g_signal_connect_object (row, "activated", G_CALLBACK (on_ward_row_activated), self,
                               G_CONNECT_SWAPPED);
    }
  add_council_benchmark_group (self, wards);
}

static void
show_overview (WaAreaPanel *self)
{
  g_autofree char *method = wa_rank_params_describe (wa_atlas_get_rank_params (self->atlas));
  GPtrArray *regions = wa_atlas_get_areas (self->atlas, WA_AREA_REGION);
  g_autofree WaAreaSummary *parts = g_new (WaAreaSummary, MAX (regions->len, 1));
  WaAreaSummary summary;
  GtkWidget *group;

  wa_area_count_regions (self->atlas, &summary, parts);
  gtk_label_set_text (self->title_label,
                      wa_edition_describe (wa_atlas_get_edition (self->atlas)));
  gtk_label_set_text (self->subtitle_label, method);
  gtk_widget_set_visible (self->briefing_button, FALSE);
  add_summary_rows (new_group (self, _("England"), NULL), &summary);
  add_benchmark_group (self);

  group = new_group (self, _("Left Behind by Region"), NULL);
  for (guint i = 0; i < regions->len; i++)
    {
      const WaArea *region = g_ptr_array_index (regions, i);
      g_autofree char *text = left_behind_text (&parts[i]);

      add_row (group, region->name, text);
    }

  group = new_group (self, _("Reading the Map"), NULL);
  add_row (group, _("Colour"), _("Darkest is the greatest combined need"));
  add_row (group, _("Double outline"), _("Left behind under the current method"));
  add_row (group, _("Grey hatching"), _("Not ranked: an index is missing"));
  add_row (group, _("A ward"), _("Click it, or search for a postcode or name"));
}

static void
rebuild (WaAreaPanel *self)
{
  GtkWidget *child;
  const WaArea *lad;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);
  if (self->atlas == NULL)
    return;
  lad = self->lad_code ? wa_atlas_lookup_area (self->atlas, WA_AREA_LAD, self->lad_code) : NULL;
  if (lad != NULL)
    show_council (self, lad);
  else
    show_overview (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

void
wa_area_panel_set_atlas (WaAreaPanel *self, WaAtlas *atlas)
{
  g_return_if_fail (WA_IS_AREA_PANEL (self));

  if (self->atlas != NULL)
    g_signal_handlers_disconnect_by_data (self->atlas, self);
  g_set_object (&self->atlas, atlas);
  g_clear_pointer (&self->lad_code, g_free);
  if (atlas != NULL)
    g_signal_connect_object (atlas, "ranks-changed", G_CALLBACK (rebuild), self,
                             G_CONNECT_SWAPPED);
  if (atlas != NULL && !wa_atlas_assets_ready (atlas))
    g_signal_connect_object (atlas, "assets-ready", G_CALLBACK (rebuild), self,
                             G_CONNECT_SWAPPED);
  rebuild (self);
}

void
wa_area_panel_set_lad (WaAreaPanel *self, const char *lad_code)
{
  g_return_if_fail (WA_IS_AREA_PANEL (self));

  if (g_strcmp0 (self->lad_code, lad_code) == 0 && gtk_widget_get_first_child (GTK_WIDGET (self->groups_box)))
    return;
  g_free (self->lad_code);
  self->lad_code = g_strdup (lad_code);
  rebuild (self);
}

static void
wa_area_panel_dispose (GObject *object)
{
  WaAreaPanel *self = WA_AREA_PANEL (object);

  g_clear_object (&self->atlas);
  g_clear_pointer (&self->lad_code, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), WA_TYPE_AREA_PANEL);
  G_OBJECT_CLASS (wa_area_panel_parent_class)->dispose (object);
}

static void
wa_area_panel_class_init (WaAreaPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wa_area_panel_dispose;
  signals[SIGNAL_WARD_ACTIVATED] = g_signal_new ("ward-activated", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 1, WA_TYPE_WARD);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wardatlas/WardAtlas/wa-area-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, WaAreaPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, WaAreaPanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, WaAreaPanel, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, WaAreaPanel, briefing_button);
  gtk_widget_class_bind_template_child (widget_class, WaAreaPanel, groups_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
wa_area_panel_init (WaAreaPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
wa_area_panel_new (void)
{
  return g_object_new (WA_TYPE_AREA_PANEL, NULL);
}
