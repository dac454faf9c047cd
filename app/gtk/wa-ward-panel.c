/* wa-ward-panel.c
 *
 * The groups below the header are built once per atlas (edition) and a new
 * ward only updates their texts, bars and visibility: rebuilding some
 * thirty rows with their suffixes cost most of the panel's fill time.
 * Neighbour rows come from a pool that grows to the largest neighbour
 * count seen; rows beyond the current ward's count are hidden.
 *
 * The neighbourhood (LSOA) and asset sections sit below the ranks and
 * neighbours, out of sight when a ward opens at its top (over 1,000
 * pixels down): they take a new ward one frame later, so the frame that
 * shows the ward's name and ranks does not also lay out their forty-odd
 * rows. Code that reads them asks through the getters, which fill them
 * first.
 */
#include <glib/gi18n.h>
#include <adwaita.h>

#include "wa-a11y-names.h"
#include "wa-format.h"
#include "wa-area-panel.h"
#include "wa-rank-explain.h"
#include "wa-panel-row.h"
#include "wa-rank-bar.h"
#include "wa-ward-panel.h"
#include "wa-export-actions.h"
#include "wa-asset-section.h"
#include "wa-change-section.h"
#include "wa-neighbourhood-section.h"

/* "123 of 7,461" over a rank bar. */
typedef struct
{
  GtkLabel *label;
  WaRankBar *bar;
} RankSuffix;

typedef struct
{
  GtkWidget *row;
  RankSuffix suffix;
} FigureRow;

/* An index (IMD or CNI): its overall figure, its domains and where they came from. */
typedef struct
{
  WaIndicator overall;
  const WaIndicator *domains;
  guint n_domains;
  FigureRow figures[8];          /* overall, then the domains */
  GtkLabel *sources_label;
  GtkWidget *sources_text_row;   /* the expander's inner row, described for screen readers */
} IndexGroup;

typedef struct
{
  GtkWidget *row;
  GtkLabel *rank_label;
} NeighbourRow;

struct _WaWardPanel
{
  GtkWidget parent_instance;

  WaAtlas *atlas;
  WaWard *ward;
  guint n_combined;      /* wards with a combined rank under the current method */

  GtkStack *stack;
  WaAreaPanel *area_panel;
  GtkLabel *name_label;
  GtkLabel *place_label;
  GtkLabel *population_label;
  GtkLabel *badge_label;
  GtkLabel *reason_label;
  GtkScrolledWindow *ward_scroller;
  GtkBox *groups_box;
  WaAssetSection *asset_section;
  WaNeighbourhoodSection *neighbourhood_section;
  WaChangeSection *change_section;

  /* Built by build_groups (), NULL/empty until then. */
  GtkWidget *combined_row;
  RankSuffix combined_suffix;
  GtkWidget *official_row;
  GtkLabel *official_label;
  IndexGroup indices[2];
  GtkWidget *neighbours_group;
  GtkWidget *no_neighbours_row;
  GArray *neighbour_rows;        /* NeighbourRow, the pool */
  guint lower_tick;              /* fills the sections below the fold */
  gint64 lower_frame;            /* ... from this frame on */
  GMenu *export_section;              /* the briefing button's menu */
};

G_DEFINE_FINAL_TYPE (WaWardPanel, wa_ward_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ATLAS,
  PROP_WARD,
  N_PROPS
};

enum {
  SIGNAL_WARD_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const WaIndicator imd_domains[] = {
  WA_INDICATOR_IMD_INCOME, WA_INDICATOR_IMD_EMPLOYMENT, WA_INDICATOR_IMD_EDUCATION,
  WA_INDICATOR_IMD_HEALTH, WA_INDICATOR_IMD_CRIME, WA_INDICATOR_IMD_HOUSING,
  WA_INDICATOR_IMD_ENVIRONMENT,
};
static const WaIndicator cni_domains[] = {
  WA_INDICATOR_CNI_CIVIC_ASSETS, WA_INDICATOR_CNI_CONNECTEDNESS, WA_INDICATOR_CNI_ENGAGED,
};

static GtkWidget *
rank_suffix_new (RankSuffix *suffix)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *bar = wa_rank_bar_new ();

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_size_request (bar, 120, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), bar);
  suffix->label = GTK_LABEL (label);
  suffix->bar = WA_RANK_BAR (bar);
  return box;
}

static void
rank_suffix_set (const RankSuffix *suffix, guint rank, guint n_ranked)
{
  g_autofree char *text = wa_format_rank_of (rank, n_ranked);

  gtk_label_set_text (suffix->label, text);
  wa_rank_bar_set_rank (suffix->bar, rank, n_ranked);
}

static char *
describe_figure (const WaFigure *figure)
{
  g_autofree char *score = wa_format_score (figure->score, 2);

  if (figure->rank == 0)
    return g_strdup (_("No data"));
  if (figure->decile == 0)
    return g_strdup_printf (_("Score %s"), score);
  if (figure->decile == 1)
    {
      g_autofree char *tenth = wa_format_percent (10);

      return g_strdup_printf (_("Score %s · decile 1 (most deprived %s)"), score, tenth);
    }
  /* Translators: decile 1 is the most deprived tenth. */
  return g_strdup_printf (_("Score %s · decile %u of 10"), score, figure->decile);
}

static GtkWidget *
figure_row_new (FigureRow *figure, WaIndicator indicator)
{
  figure->row = wa_panel_row_new (wa_indicator_label (indicator));
  wa_a11y_own_row_name (figure->row);
  wa_panel_row_add_suffix (WA_PANEL_ROW (figure->row), rank_suffix_new (&figure->suffix));
  if (wa_indicator_is_overall (indicator))
    gtk_widget_add_css_class (figure->row, "overall-figure");
  return figure->row;
}

static void
figure_row_update (WaWardPanel *self, const FigureRow *row, WaIndicator indicator)
{
  const WaFigure *figure = wa_ward_get_figure (self->ward, indicator);
  g_autofree char *subtitle = describe_figure (figure);

  g_autofree char *rank = wa_format_rank_of (figure->rank,
                                             wa_atlas_get_n_ranked (self->atlas, indicator));
  /* Translators: a figure row as a screen reader names it: "Income, rank 419 of 7,427". */
  g_autofree char *name = g_strdup_printf (_("%s, rank %s"), wa_indicator_label (indicator), rank);

  wa_panel_row_set_subtitle (WA_PANEL_ROW (row->row), subtitle);
  rank_suffix_set (&row->suffix, figure->rank, wa_atlas_get_n_ranked (self->atlas, indicator));
  /* The rank is the key figure: in the name, not only in a child label. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->row), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
}

static WaIndicator
index_indicator (const IndexGroup *index, guint i)
{
  return i == 0 ? index->overall : index->domains[i - 1];
}

/* How long the expander row's revealer takes to open, and a little more. */
#define SOURCES_REVEAL_US (400 * G_USEC_PER_SEC / 1000)

/* Scrolls the panel so that the opening row shows whole (or, taller than
 * the panel, from its top), following the revealer as it grows. */
static gboolean
scroll_sources_into_view (GtkWidget *row, GdkFrameClock *clock, gpointer data)
{
  gint64 *start = data;
  GtkWidget *scroller = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj;
  graphene_rect_t bounds;
  double value;

  if (*start == 0)
    *start = gdk_frame_clock_get_frame_time (clock);
  if (scroller == NULL || !adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row))
      || gdk_frame_clock_get_frame_time (clock) - *start > SOURCES_REVEAL_US)
    return G_SOURCE_REMOVE;
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  if (gtk_widget_compute_bounds (row, scroller, &bounds))
    {
      /* bounds are relative to the visible part: shift by what shows. */
      value = gtk_adjustment_get_value (adj);
      if (bounds.origin.y + bounds.size.height > gtk_adjustment_get_page_size (adj))
        value += MIN (bounds.origin.y,
                      bounds.origin.y + bounds.size.height - gtk_adjustment_get_page_size (adj));
      gtk_adjustment_set_value (adj, value);
    }
  return G_SOURCE_CONTINUE;
}

/* libadwaita 1.2 does not say whether the row is open, and opens it below
 * the visible part of the panel when it is near the bottom. */
static void
on_sources_expanded (AdwExpanderRow *row)
{
  gboolean expanded = adw_expander_row_get_expanded (row);

  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_EXPANDED, expanded, -1);
  if (expanded)
    gtk_widget_add_tick_callback (GTK_WIDGET (row), scroll_sources_into_view, g_new0 (gint64, 1),
                                  g_free);
}

/* Where this ward's figures came from when they were not published at
 * ward level, and how the pack made them: long, so folded away. */
static GtkWidget *
sources_row_new (IndexGroup *index)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *label = gtk_label_new (NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("How these figures were made"));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  gtk_widget_add_css_class (label, "caption");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), label);
  /* libadwaita 1.2 leaves both rows nameless for screen readers. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("How these figures were made"), -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_EXPANDED, FALSE, -1);
  g_signal_connect (row, "notify::expanded", G_CALLBACK (on_sources_expanded), NULL);
  index->sources_label = GTK_LABEL (label);
  index->sources_text_row = GTK_IS_LIST_BOX_ROW (gtk_widget_get_parent (label))
                            ? gtk_widget_get_parent (label) : NULL;
  return row;
}

static char *
sources_text (WaWardPanel *self, const IndexGroup *index)
{
  GString *text = g_string_new (NULL);
  const char *note = wa_atlas_get_indicator_note (self->atlas, index->overall);
  WaFigureSource seen[8] = { 0 };
  guint n_seen = 0;

  for (guint i = 0; i <= index->n_domains; i++)
    {
      WaIndicator indicator = index_indicator (index, i);
      WaFigureSource source = wa_ward_get_figure (self->ward, indicator)->source;
      gboolean known = FALSE;

      for (guint j = 0; j < n_seen; j++)
        known |= seen[j] == source;
      if (known || source == WA_FIGURE_NONE)
        continue;
      seen[n_seen++] = source;
      g_string_append_printf (text, "%s%s: %s.", text->len ? " " : "",
                              wa_indicator_label (indicator), wa_figure_source_describe (source));
    }
  if (note != NULL && *note != '\0')
    g_string_append_printf (text, "%s%s", text->len ? "\n\n" : "", note);
  return g_string_free (text, FALSE);
}

static GtkWidget *
index_group_new (IndexGroup *index, const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Ranks among all English wards: 1 = most deprived."));
  for (guint i = 0; i <= index->n_domains; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               figure_row_new (&index->figures[i], index_indicator (index, i)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), sources_row_new (index));
  return group;
}

static void
index_group_update (WaWardPanel *self, const IndexGroup *index)
{
  g_autofree char *text = sources_text (self, index);

  for (guint i = 0; i <= index->n_domains; i++)
    figure_row_update (self, &index->figures[i], index_indicator (index, i));
  gtk_label_set_text (index->sources_label, text);
  if (index->sources_text_row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (index->sources_text_row),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("How these figures were made"),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static GtkWidget *
combined_group_new (WaWardPanel *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *label = gtk_label_new (NULL);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Combined Need"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("IMD and CNI together; rank 1 = greatest need."));
  self->combined_row = wa_panel_row_new (_("Combined rank"));
  wa_panel_row_add_suffix (WA_PANEL_ROW (self->combined_row),
                             rank_suffix_new (&self->combined_suffix));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->combined_row);

  self->official_row = wa_panel_row_new (_("On the published 2019 left-behind list"));
  self->official_label = GTK_LABEL (label);
  wa_panel_row_add_suffix (WA_PANEL_ROW (self->official_row), label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->official_row);
  return group;
}

static void
combined_group_update (WaWardPanel *self)
{
  g_autofree char *method = wa_rank_params_describe (wa_atlas_get_rank_params (self->atlas));
  int official = wa_ward_get_official_left_behind (self->ward);

  wa_panel_row_set_subtitle (WA_PANEL_ROW (self->combined_row), method);
  rank_suffix_set (&self->combined_suffix, wa_ward_get_combined_rank (self->ward), self->n_combined);
  /* Only the 2019 edition has a published list to compare with. */
  gtk_widget_set_visible (self->official_row, official >= 0);
  gtk_label_set_text (self->official_label, official > 0 ? _("Yes") : _("No"));
}

static int
compare_by_combined_rank (gconstpointer a, gconstpointer b)
{
  guint ra = wa_ward_get_combined_rank (*(WaWard **) a);
  guint rb = wa_ward_get_combined_rank (*(WaWard **) b);

  /* Unranked (0) last. */
  ra = ra == 0 ? G_MAXUINT : ra;
  rb = rb == 0 ? G_MAXUINT : rb;
  return ra < rb ? -1 : ra > rb;
}

static void
on_neighbour_activated (WaPanelRow *row, WaWardPanel *self)
{
  WaWard *ward = g_object_get_data (G_OBJECT (row), "ward");

  g_signal_emit (self, signals[SIGNAL_WARD_ACTIVATED], 0, ward);
}

static void
add_neighbour_row (WaWardPanel *self)
{
  NeighbourRow neighbour = { wa_panel_row_new (""), GTK_LABEL (gtk_label_new (NULL)) };

  wa_a11y_own_row_name (neighbour.row);

  gtk_widget_add_css_class (GTK_WIDGET (neighbour.rank_label), "numeric");
  wa_panel_row_add_suffix (WA_PANEL_ROW (neighbour.row), GTK_WIDGET (neighbour.rank_label));
  wa_panel_row_add_suffix (WA_PANEL_ROW (neighbour.row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (neighbour.row), TRUE);
  g_signal_connect_object (neighbour.row, "activated", G_CALLBACK (on_neighbour_activated), self, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->neighbours_group), neighbour.row);
  g_array_append_val (self->neighbour_rows, neighbour);
}

static void
neighbour_row_update (const NeighbourRow *neighbour, WaWard *ward)
{
  guint rank = wa_ward_get_combined_rank (ward);
  g_autofree char *number = wa_format_count (rank);
  /* Translators: a neighbour's combined rank, e.g. "Rank 1,094". */
  g_autofree char *rank_text = rank > 0 ? g_strdup_printf (_("Rank %s"), number)
                                        : g_strdup (_("Not ranked"));
  g_autofree char *name = NULL;

  wa_panel_row_set_title (WA_PANEL_ROW (neighbour->row), wa_ward_get_name (ward));
  wa_panel_row_set_subtitle (WA_PANEL_ROW (neighbour->row), wa_ward_get_lad_name (ward));
  gtk_label_set_text (neighbour->rank_label, rank_text);
  /* Translators: a neighbour row for screen readers: ward, council, rank, and
   * whether it is left behind. */
  name = g_strdup_printf (_("%s, %s, %s%s"), wa_ward_get_name (ward), wa_ward_get_lad_name (ward),
                          rank_text, wa_ward_get_left_behind (ward) ? _(", left behind") : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (neighbour->row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name, -1);
  if (wa_ward_get_left_behind (ward))
    gtk_widget_add_css_class (GTK_WIDGET (neighbour->rank_label), "left-behind");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (neighbour->rank_label), "left-behind");
  g_object_set_data_full (G_OBJECT (neighbour->row), "ward", g_object_ref (ward), g_object_unref);
}

static GtkWidget *
neighbours_group_new (WaWardPanel *self)
{
  self->neighbours_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->neighbours_group),
                                   _("Neighbouring Wards"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->neighbours_group),
                                         _("Wards sharing a border, by combined rank."));
  self->no_neighbours_row = wa_panel_row_new (_("No neighbouring wards"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->neighbours_group), self->no_neighbours_row);
  return self->neighbours_group;
}

static void
neighbours_group_update (WaWardPanel *self)
{
  g_autoptr(GPtrArray) wards = g_ptr_array_new ();
  guint n;
  const guint *indices = wa_ward_get_neighbours (self->ward, &n);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (wards, wa_atlas_get_ward (self->atlas, indices[i]));
  g_ptr_array_sort (wards, compare_by_combined_rank);
  while (self->neighbour_rows->len < n)
    add_neighbour_row (self);
  for (guint i = 0; i < self->neighbour_rows->len; i++)
    {
      const NeighbourRow *neighbour = &g_array_index (self->neighbour_rows, NeighbourRow, i);

      if (i < n)
        neighbour_row_update (neighbour, g_ptr_array_index (wards, i));
      gtk_widget_set_visible (neighbour->row, i < n);
    }
  gtk_widget_set_visible (self->no_neighbours_row, n == 0);
}

/* The reason comes from the model, in the classification's own terms. */
static char *
explain_left_behind (WaWardPanel *self, WaWard *ward)
{
  WaRankInput input = {
    wa_ward_get_imd_rank (ward), wa_atlas_get_n_ranked (self->atlas, WA_INDICATOR_IMD),
    wa_ward_get_cni_rank (ward), wa_atlas_get_n_ranked (self->atlas, WA_INDICATOR_CNI),
    wa_ward_get_official_left_behind (ward), wa_ward_get_code (ward),
  };
  WaRankResult result = { wa_ward_get_combined_rank (ward), wa_ward_get_left_behind (ward) };

  return wa_rank_explain (wa_atlas_get_rank_params (self->atlas), &input, &result,
                          self->n_combined);
}

static void
update_header (WaWardPanel *self)
{
  WaWard *ward = self->ward;
  gint64 population = wa_ward_get_population (ward);
  g_autofree char *place = g_strdup_printf ("%s · %s · %s", wa_ward_get_code (ward),
                                            wa_ward_get_lad_name (ward),
                                            wa_ward_get_region_name (ward));
  g_autofree char *count = population >= 0 ? wa_format_count (population) : NULL;
  g_autofree char *population_text = count ? g_strdup_printf (_("Population %s"), count)
                                           : g_strdup (_("Population not known"));
  gboolean left_behind = wa_ward_get_left_behind (ward);
  g_autofree char *reason = explain_left_behind (self, ward);

  gtk_label_set_text (self->name_label, wa_ward_get_name (ward));
  gtk_label_set_text (self->reason_label, reason);
  gtk_label_set_text (self->place_label, place);
  gtk_label_set_text (self->population_label, population_text);
  gtk_label_set_text (self->badge_label, left_behind ? _("Left behind under this method")
                                                     : _("Not left behind under this method"));
  if (left_behind)
    gtk_widget_add_css_class (GTK_WIDGET (self->badge_label), "left-behind");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->badge_label), "left-behind");
}

static void
cancel_lower_sections (WaWardPanel *self)
{
  if (self->lower_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->lower_tick);
  self->lower_tick = 0;
}

static void
count_combined (WaWardPanel *self)
{
  self->n_combined = 0;
  for (guint i = 0; self->atlas != NULL && i < wa_atlas_get_n_wards (self->atlas); i++)
    self->n_combined += wa_ward_get_combined_rank (wa_atlas_get_ward (self->atlas, i)) > 0;
}

/* Drops the groups, for a new atlas: its edition may differ. */
static void
clear_groups (WaWardPanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);
  g_array_set_size (self->neighbour_rows, 0);
  self->neighbours_group = NULL;
}

static void
build_groups (WaWardPanel *self)
{
  self->indices[0] = (IndexGroup) { WA_INDICATOR_IMD, imd_domains, G_N_ELEMENTS (imd_domains) };
  self->indices[1] = (IndexGroup) { WA_INDICATOR_CNI, cni_domains, G_N_ELEMENTS (cni_domains) };
  gtk_box_append (self->groups_box, combined_group_new (self));
  gtk_box_append (self->groups_box, index_group_new (&self->indices[0], _("Index of Multiple Deprivation")));
  gtk_box_append (self->groups_box, index_group_new (&self->indices[1], _("Community Needs Index")));
  gtk_box_append (self->groups_box, neighbours_group_new (self));
}

static void
fill (WaWardPanel *self)
{
  if (self->ward == NULL || self->atlas == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  if (self->neighbours_group == NULL)
    build_groups (self);
  update_header (self);
  combined_group_update (self);
  for (guint i = 0; i < G_N_ELEMENTS (self->indices); i++)
    index_group_update (self, &self->indices[i]);
  neighbours_group_update (self);
  gtk_stack_set_visible_child_name (self->stack, "ward");
}

static void
on_ranks_changed (WaWardPanel *self)
{
  count_combined (self);
  fill (self);
}

void
wa_ward_panel_set_atlas (WaWardPanel *self, WaAtlas *atlas)
{
  g_return_if_fail (WA_IS_WARD_PANEL (self));

  if (self->atlas == atlas)
    return;
  if (self->atlas != NULL)
    g_signal_handlers_disconnect_by_data (self->atlas, self);
  g_set_object (&self->atlas, atlas);
  g_clear_object (&self->ward);
  cancel_lower_sections (self);
  if (atlas != NULL)
    g_signal_connect_object (atlas, "ranks-changed", G_CALLBACK (on_ranks_changed), self,
                             G_CONNECT_SWAPPED);
  count_combined (self);
  wa_asset_section_set_atlas (self->asset_section, atlas);
  wa_neighbourhood_section_set_atlas (self->neighbourhood_section, atlas);
  wa_area_panel_set_atlas (self->area_panel, atlas);
  clear_groups (self);
  fill (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATLAS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WARD]);
}

WaAtlas *
wa_ward_panel_get_atlas (WaWardPanel *self)
{
  g_return_val_if_fail (WA_IS_WARD_PANEL (self), NULL);
  return self->atlas;
}

static void
fill_lower_sections_now (WaWardPanel *self)
{
  cancel_lower_sections (self);
  wa_asset_section_set_ward (self->asset_section, self->ward);
  wa_neighbourhood_section_set_ward (self->neighbourhood_section, self->ward);
}

void
wa_ward_panel_finish_fill (WaWardPanel *self)
{
  g_return_if_fail (WA_IS_WARD_PANEL (self));

  if (self->lower_tick != 0)
    fill_lower_sections_now (self);
}

/* Called at the start of each frame; the first is the one that lays out
 * the new ward's name and ranks. */
static gboolean
on_lower_sections_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  WaWardPanel *self = WA_WARD_PANEL (widget);

  if (gdk_frame_clock_get_frame_counter (clock) < self->lower_frame)
    return G_SOURCE_CONTINUE;
  self->lower_tick = 0;
  fill_lower_sections_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_lower_sections (WaWardPanel *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      /* Not on screen: no frames to spread the work over. */
      fill_lower_sections_now (self);
      return;
    }
  /* The counter is the last frame's: the next one shows the ward's top. */
  self->lower_frame = gdk_frame_clock_get_frame_counter (clock) + 2;
  if (self->lower_tick == 0)
    self->lower_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_lower_sections_tick,
                                                     NULL, NULL);
}

void
wa_ward_panel_set_ward (WaWardPanel *self, WaWard *ward)
{
  g_return_if_fail (WA_IS_WARD_PANEL (self));

  if (!g_set_object (&self->ward, ward))
    return;
  schedule_lower_sections (self);
  wa_change_section_set_ward (self->change_section, ward);
  fill (self);
  /* A new ward opens at its name and ranks, not where the last one was
   * scrolled to. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->ward_scroller), 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WARD]);
}

void
wa_ward_panel_set_lad (WaWardPanel *self, const char *lad_code)
{
  g_return_if_fail (WA_IS_WARD_PANEL (self));
  wa_area_panel_set_lad (self->area_panel, lad_code);
}

WaNeighbourhoodSection *
wa_ward_panel_get_neighbourhood_section (WaWardPanel *self)
{
  g_return_val_if_fail (WA_IS_WARD_PANEL (self), NULL);
  wa_ward_panel_finish_fill (self);
  return self->neighbourhood_section;
}

WaChangeSection *
wa_ward_panel_get_change_section (WaWardPanel *self)
{
  g_return_val_if_fail (WA_IS_WARD_PANEL (self), NULL);
  return self->change_section;
}

WaAssetSection *
wa_ward_panel_get_asset_section (WaWardPanel *self)
{
  g_return_val_if_fail (WA_IS_WARD_PANEL (self), NULL);
  wa_ward_panel_finish_fill (self);
  return self->asset_section;
}

WaWard *
wa_ward_panel_get_ward (WaWardPanel *self)
{
  g_return_val_if_fail (WA_IS_WARD_PANEL (self), NULL);
  return self->ward;
}

static void
wa_ward_panel_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  WaWardPanel *self = WA_WARD_PANEL (object);

  switch (prop_id)
    {
    case PROP_ATLAS:
      g_value_set_object (value, self->atlas);
      break;
    case PROP_WARD:
      g_value_set_object (value, self->ward);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wa_ward_panel_set_property (GObject *object, guint prop_id, const GValue *value,
                            GParamSpec *pspec)
{
  WaWardPanel *self = WA_WARD_PANEL (object);

  switch (prop_id)
    {
    case PROP_ATLAS:
      wa_ward_panel_set_atlas (self, g_value_get_object (value));
      break;
    case PROP_WARD:
      wa_ward_panel_set_ward (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wa_ward_panel_dispose (GObject *object)
{
  WaWardPanel *self = WA_WARD_PANEL (object);

  cancel_lower_sections (self);
  g_clear_object (&self->ward);
  g_clear_object (&self->atlas);
  g_clear_pointer (&self->neighbour_rows, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), WA_TYPE_WARD_PANEL);
  G_OBJECT_CLASS (wa_ward_panel_parent_class)->dispose (object);
}

static void
wa_ward_panel_class_init (WaWardPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wa_ward_panel_dispose;
  object_class->get_property = wa_ward_panel_get_property;
  object_class->set_property = wa_ward_panel_set_property;

  properties[PROP_ATLAS] = g_param_spec_object ("atlas", NULL, NULL, WA_TYPE_ATLAS,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                G_PARAM_STATIC_STRINGS);
  properties[PROP_WARD] = g_param_spec_object ("ward", NULL, NULL, WA_TYPE_WARD,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                               G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_WARD_ACTIVATED] = g_signal_new ("ward-activated", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 1, WA_TYPE_WARD);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wardatlas/WardAtlas/wa-ward-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, WaWardPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, WaWardPanel, area_panel);
  gtk_widget_class_bind_template_child (widget_class, WaWardPanel, export_section);
  gtk_widget_class_bind_template_child (widget_class, WaWardPanel, name_label);
  gtk_widget_class_bind_template_child (widget_class, WaWardPanel, place_label);
  gtk_widget_class_bind_template_child (widget_class, WaWardPanel, population_label);
  gtk_widget_class_bind_template_child (widget_class, WaWardPanel, badge_label);
  gtk_widget_class_bind_template_child (widget_class, WaWardPanel, reason_label);
  gtk_widget_class_bind_template_child (widget_class, WaWardPanel, ward_scroller);
  gtk_widget_class_bind_template_child (widget_class, WaWardPanel, groups_box);
  gtk_widget_class_bind_template_child (widget_class, WaWardPanel, asset_section);
  gtk_widget_class_bind_template_child (widget_class, WaWardPanel, neighbourhood_section);
  gtk_widget_class_bind_template_child (widget_class, WaWardPanel, change_section);
  g_type_ensure (WA_TYPE_ASSET_SECTION);
  g_type_ensure (WA_TYPE_CHANGE_SECTION);
  g_type_ensure (WA_TYPE_NEIGHBOURHOOD_SECTION);
  g_type_ensure (WA_TYPE_AREA_PANEL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wardpanel");
}

/* A ward chosen from a council's list is chosen as from a neighbour row. */
static void
on_area_ward_activated (WaWardPanel *self, WaWard *ward)
{
  g_signal_emit (self, signals[SIGNAL_WARD_ACTIVATED], 0, ward);
}

static void
wa_ward_panel_init (WaWardPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->area_panel, "ward-activated", G_CALLBACK (on_area_ward_activated),
                           self, G_CONNECT_SWAPPED);
  wa_export_actions_add_profile_items (self->export_section, "win.export-map-image",
                                       _("Profile as %s…"));
  self->neighbour_rows = g_array_new (FALSE, FALSE, sizeof (NeighbourRow));
}

GtkWidget *
wa_ward_panel_new (void)
{
  return g_object_new (WA_TYPE_WARD_PANEL, NULL);
}
