/* wa-asset-section.c
 *
 * The category rows are rebuilt per ward (13 rows); the asset list, which
 * can run to hundreds of rows in a town centre, is filled only when the
 * user expands it, so selecting a ward stays fast.
 */
#include <glib/gi18n.h>
#include <adwaita.h>
#include <math.h>

#include "wa-a11y-names.h"
#include "wa-asset-benchmark.h"
#include "wa-asset-bar.h"
#include "wa-asset-section.h"
#include "wa-asset-symbol-icon.h"
#include "wa-panel-row.h"
#include "wa-user-lists-store.h"
#include "wa-format.h"

struct _WaAssetSection
{
  GtkWidget parent_instance;

  WaAtlas *atlas;
  WaWard *ward;
  gboolean list_filled;
  GPtrArray *list_rows;       /* rows added to list_row */

  GtkWidget *root;
  GtkLabel *intro_label;
  GtkLabel *uncovered_label;
  GtkBox *domains_box;
  GtkWidget *domain_groups[WA_N_ASSET_DOMAINS];
  GArray *benchmark;          /* WaBenchmarkRow of the national categories, or NULL */
  AdwExpanderRow *list_row;
  GtkLabel *list_count;       /* "129 places", beside list_row's title */
  GtkWidget *category_rows[WA_N_ASSET_CATEGORIES];
  GtkWidget *category_bars[WA_N_ASSET_CATEGORIES];
  /* The user's own lists: one expander row each in "Your Lists". */
  WaUserListsStore *user_lists;
  GtkWidget *lists_group;
  GPtrArray *user_rows;       /* rows added to lists_group */
};

G_DEFINE_FINAL_TYPE (WaAssetSection, wa_asset_section, GTK_TYPE_WIDGET)

enum {
  SIGNAL_ASSET_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
format_rate (double rate)
{
  /* NAN: no covered ward in the group (e.g. no left-behind ward in Trafford). */
  return isnan (rate) ? g_strdup (C_("rate", "none")) : wa_format_score (rate, 2);
}

/* Where the reference rate comes from: "England" for national data, else
 * "Wards with this data" (the tooltip names the areas). */
static const char *
reference_area (const char *coverage)
{
  if (g_strcmp0 (coverage, "England") == 0)
    return _("England");
  return _("Wards with this data");
}

/* A user's list covers all of England (its category is
 * WA_N_ASSET_CATEGORIES, not a built-in one). */
static const char *
stat_coverage (WaAssetSection *self, const WaAssetStat *s)
{
  if (s->category >= WA_N_ASSET_CATEGORIES)
    return "England";
  return wa_assets_get_coverage_name (wa_atlas_get_assets (self->atlas), s->category);
}

/* Two short lines: each wrapped line costs a text layout at every fill.
 * Rare assets (at least half the wards have none) compare with the share
 * of wards that have one and the mean rate, never a median of 0. */
static char *
covered_subtitle (WaAssetSection *self, const WaAssetStat *s)
{
  const char *coverage = stat_coverage (self, s);
  g_autofree char *rate = format_rate (s->rate), *reference = NULL, *first = NULL;

  if (s->rare && s->category >= WA_N_ASSET_CATEGORIES)
    {
      /* A user's list covers every ward: "0 %" would hide the few it is in. */
      g_autofree char *mean = format_rate (s->mean_rate);
      guint with_any = (guint) round (s->share_with_any * s->n_covered);
      g_autofree char *wards = wa_format_count (s->n_covered);

      reference = g_strdup_printf (ngettext ("%u of %s wards has one · mean %s",
                                             "%u of %s wards have one · mean %s", with_any),
                                   with_any, wards, mean);
    }
  else if (s->rare)
    {
      g_autofree char *mean = format_rate (s->mean_rate);
      g_autofree char *share = wa_format_percent (round (100 * s->share_with_any));

      reference = g_strdup_printf (_("%s of wards with this data have one · mean %s"), share, mean);
    }
  else
    {
      g_autofree char *england = format_rate (s->england_rate), *similar = format_rate (s->similar_rate);

      reference = g_strdup_printf (_("%s %s · similar wards %s"), reference_area (coverage), england, similar);
    }
  if (isnan (s->rate))
    first = g_strdup_printf (ngettext ("%u place · no population for a rate", "%u places · no population for a rate",
                                       s->count), s->count);
  else
    first = g_strdup_printf (ngettext ("%u place · %s per 1,000 residents", "%u places · %s per 1,000 residents",
                                       s->count), s->count, rate);
  return g_strdup_printf ("%s\n%s", first, reference);
}

/* A national category's benchmark row, or NULL. The rows are worked out
 * when first needed (a ward shown), not when the atlas is set: they need
 * the assets, which the app's open reads after the first map frame
 * (wa_atlas_open_progressive_async). */
static const WaBenchmarkRow *
find_benchmark (WaAssetSection *self, const WaAssetStat *s)
{
  if (self->benchmark == NULL && self->atlas != NULL)
    self->benchmark = wa_asset_benchmark_dup_rows (self->atlas);
  for (guint i = 0; self->benchmark != NULL && i < self->benchmark->len; i++)
    if (g_array_index (self->benchmark, WaBenchmarkRow, i).category == s->category)
      return &g_array_index (self->benchmark, WaBenchmarkRow, i);
  return NULL;
}

/* The APPG's three-way comparison for a national category or a user's
 * list (row), per 100,000. */
static char *
benchmark_text (WaAssetSection *self, const WaAssetStat *s, const WaBenchmarkRow *row)
{
  g_autofree char *ward = NULL, *lb = NULL, *deprived = NULL, *england = NULL;

  if (row == NULL)
    return NULL;
  ward = format_rate (wa_asset_benchmark_rate (s->count, wa_ward_get_population (self->ward)));
  lb = format_rate (row->groups[WA_BENCHMARK_LEFT_BEHIND].rate);
  deprived = format_rate (row->groups[WA_BENCHMARK_OTHER_DEPRIVED].rate);
  england = format_rate (row->england.rate);
  return g_strdup_printf (_("Per 100,000 residents: this ward %s; left-behind wards %s; other deprived "
                            "wards %s; England %s."), ward, lb, deprived, england);
}

/* Every reference figure in words, and where the data comes from. */
static char *
covered_tooltip (WaAssetSection *self, const WaAssetStat *s, const WaBenchmarkRow *row)
{
  const char *coverage = stat_coverage (self, s);
  g_autofree char *england = format_rate (s->england_rate), *similar = format_rate (s->similar_rate);
  g_autofree char *median = format_rate (s->england_median), *lb = format_rate (s->left_behind_median);
  g_autofree char *top = format_rate (s->scale_max), *benchmark = benchmark_text (self, s, row);

  return g_strdup_printf (_("Per 1,000 residents, on this category's scale from 0 to %s (the same for "
                            "every ward). All places over all residents of the %u wards with this data "
                            "(%s): %s; of the %u similar wards: %s. Median ward: %s; median left-behind "
                            "ward (%u): %s.%s%s"),
                          top, s->n_covered, coverage != NULL ? coverage : "?", england, s->n_similar,
                          similar, median, s->n_left_behind, lb, benchmark != NULL ? " " : "",
                          benchmark != NULL ? benchmark : "");
}

/* The domain groups and their 13 rows are made once; a new ward only
 * updates their text and bars, which keeps the panel fill cheap. */
static void
build_domains (WaAssetSection *self)
{
  for (int d = 0; d < WA_N_ASSET_DOMAINS; d++)
    {
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), wa_asset_domain_name (d));
      for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
        {
          GtkWidget *row, *bar;

          if (wa_asset_category_domain (c) != (WaAssetDomain) d)
            continue;
          row = wa_panel_row_new (wa_asset_category_name (c));
          bar = wa_asset_bar_new ();
          wa_panel_row_add_prefix (WA_PANEL_ROW (row), wa_asset_symbol_icon_new (c, 20));
          wa_panel_row_set_subtitle_lines (WA_PANEL_ROW (row), 2);
          gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
          gtk_widget_set_size_request (bar, 90, -1);
          wa_panel_row_add_suffix (WA_PANEL_ROW (row), bar);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          wa_a11y_own_row_name (row);   /* named in describe_category_row */
          self->category_rows[c] = row;
          self->category_bars[c] = bar;
        }
      gtk_box_append (self->domains_box, group);
      self->domain_groups[d] = group;
    }
}

/* A screen reader hears what the row shows: the category with its count
 * and rate as the name, the comparison as the description. Otherwise GTK
 * 4.8 reads the title alone and the long tooltip as the description. */
static void
describe_category_row (GtkWidget *row, const char *title, const char *subtitle)
{
  g_auto(GStrv) lines = g_strsplit (subtitle, "\n", 2);
  /* Translators: an asset row for screen readers, e.g. "Libraries: 2 places ·
   * 0.31 per 1,000 residents". */
  g_autofree char *name = g_strdup_printf (_("%s: %s"), title, lines[0]);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  lines[0] != NULL && lines[1] != NULL ? lines[1] : "", -1);
}

/* Shows a covered category's row; uncovered ones are hidden and named in
 * the one "not available" line instead. */
static void
update_category_row (WaAssetSection *self, const WaAssetStat *s)
{
  GtkWidget *row = self->category_rows[s->category];
  GtkWidget *bar = self->category_bars[s->category];
  g_autofree char *subtitle = NULL, *tooltip = NULL;

  gtk_widget_set_visible (row, s->covered);
  if (!s->covered)
    return;
  subtitle = covered_subtitle (self, s);
  tooltip = covered_tooltip (self, s, find_benchmark (self, s));
  wa_asset_bar_set_values (WA_ASSET_BAR (bar), s->rate, s->rare ? NAN : s->england_rate,
                           s->rare ? NAN : s->similar_rate, s->scale_max);
  wa_panel_row_set_subtitle (WA_PANEL_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (row, tooltip);
  describe_category_row (row, wa_asset_category_name (s->category), subtitle);
}

/* "Not available for this area: Charities, Community hubs — data for
 * Trafford only; Post offices — data for Greater Manchester and Rutland
 * only." One clause per coverage area, in category order. */
static char *
uncovered_text (WaAssetSection *self, const WaAssetStat *stats)
{
  WaAssets *assets = wa_atlas_get_assets (self->atlas);
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean done[WA_N_ASSET_CATEGORIES] = { FALSE };

  if (wa_ward_get_geometry (self->ward) == NULL)
    return g_strdup (_("No places can be shown: the pack has no boundary for this ward."));
  for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    {
      const char *coverage = wa_assets_get_coverage_name (assets, c);
      g_autoptr(GString) names = g_string_new (NULL);

      if (stats[c].covered || done[c])
        continue;
      for (int o = c; o < WA_N_ASSET_CATEGORIES; o++)
        if (!stats[o].covered && !done[o] && g_strcmp0 (wa_assets_get_coverage_name (assets, o), coverage) == 0)
          {
            g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", wa_asset_category_name (o));
            done[o] = TRUE;
          }
      if (text->len > 0)
        g_string_append (text, "; ");
      if (coverage != NULL)
        /* Translators: categories, then the area their data covers. */
        g_string_append_printf (text, _("%s — data for %s only"), names->str, coverage);
      else
        g_string_append_printf (text, _("%s — no data in this pack"), names->str);
    }
  if (text->len == 0)
    return NULL;
  return g_strdup_printf (_("Not available for this area: %s."), text->str);
}

static void
rebuild_domains (WaAssetSection *self)
{
  WaAssetStat stats[WA_N_ASSET_CATEGORIES];
  gboolean shown = self->atlas != NULL && self->ward != NULL;
  g_autofree char *uncovered = NULL;
  gboolean group_shown[WA_N_ASSET_DOMAINS] = { FALSE };

  gtk_widget_set_visible (GTK_WIDGET (self->domains_box), shown);
  gtk_widget_set_visible (GTK_WIDGET (self->uncovered_label), FALSE);
  if (!shown)
    return;
  if (self->category_rows[0] == NULL)
    build_domains (self);
  wa_assets_summarise (wa_atlas_get_assets (self->atlas), wa_ward_get_index (self->ward), stats);
  for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    {
      update_category_row (self, &stats[c]);
      group_shown[wa_asset_category_domain (c)] |= stats[c].covered;
    }
  for (int d = 0; d < WA_N_ASSET_DOMAINS; d++)
    gtk_widget_set_visible (self->domain_groups[d], group_shown[d]);
  uncovered = uncovered_text (self, stats);
  gtk_label_set_text (self->uncovered_label, uncovered != NULL ? uncovered : "");
  gtk_widget_set_visible (GTK_WIDGET (self->uncovered_label), uncovered != NULL);
}

static void rebuild_user_lists (WaAssetSection *self);

/* The three-way benchmark follows the rank method, like the panel. */
static void
on_ranks_changed (WaAssetSection *self)
{
  g_clear_pointer (&self->benchmark, g_array_unref);
  rebuild_domains (self);
  rebuild_user_lists (self);
}

static void
on_asset_row_activated (WaPanelRow *row, WaAssetSection *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "asset-index"));

  g_signal_emit (self, signals[SIGNAL_ASSET_ACTIVATED], 0, index);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-asset", "u", index);
}

static GtkWidget *
asset_row (WaAssetSection *self, guint index)
{
  const WaAsset *asset = wa_assets_get_asset (wa_atlas_get_assets (self->atlas), index);
  GtkWidget *row = wa_panel_row_new (asset->name != NULL ? asset->name : _("Unnamed"));
  g_autofree char *subtitle = asset->postcode != NULL
                              ? g_strdup_printf ("%s · %s", wa_asset_category_name (asset->category), asset->postcode)
                              : g_strdup (wa_asset_category_name (asset->category));

  wa_panel_row_set_subtitle (WA_PANEL_ROW (row), subtitle);
  wa_panel_row_add_prefix (WA_PANEL_ROW (row), wa_asset_symbol_icon_new (asset->category, 18));
  wa_panel_row_add_suffix (WA_PANEL_ROW (row), gtk_image_new_from_icon_name ("find-location-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Show on the map"));
  /* The visible subtitle, not the tooltip, describes the place. */
  wa_a11y_own_row_name (row);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  wa_panel_row_get_title (WA_PANEL_ROW (row)),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  g_object_set_data (G_OBJECT (row), "asset-index", GUINT_TO_POINTER (index));
  g_signal_connect_object (row, "activated", G_CALLBACK (on_asset_row_activated), self, 0);
  return row;
}

static void
clear_list (WaAssetSection *self)
{
  for (guint i = 0; i < self->list_rows->len; i++)
    adw_expander_row_remove (self->list_row, g_ptr_array_index (self->list_rows, i));
  g_ptr_array_set_size (self->list_rows, 0);
  self->list_filled = FALSE;
}

static void
fill_list (WaAssetSection *self)
{
  const guint *list;
  guint n;

  if (self->list_filled || self->atlas == NULL || self->ward == NULL)
    return;
  list = wa_assets_get_ward_assets (wa_atlas_get_assets (self->atlas), wa_ward_get_index (self->ward), &n);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = asset_row (self, list[i]);

      adw_expander_row_add_row (self->list_row, row);
      g_ptr_array_add (self->list_rows, row);
    }
  self->list_filled = TRUE;
}

static void
on_list_expanded (WaAssetSection *self)
{
  if (adw_expander_row_get_expanded (self->list_row))
    fill_list (self);
}

/* ---- the user's own lists ------------------------------------------------ */

static void
on_place_row_activated (WaPanelRow *row, WaAssetSection *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "list-id");
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "place-index"));

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-list-place", "(su)", id, index);
}

/* Like a built-in asset's row: name, list and postcode, and the map. */
static GtkWidget *
place_row (WaUserList *list, guint index, WaAssetSection *self)
{
  const WaUserPlace *place = wa_user_list_get_place (list, index);
  GtkWidget *row = wa_panel_row_new (place->name != NULL && *place->name != '\0' ? place->name : _("Unnamed"));
  g_autofree char *subtitle = place->postcode != NULL
                              ? g_strdup_printf ("%s · %s", wa_user_list_get_name (list), place->postcode)
                              : g_strdup (wa_user_list_get_name (list));

  wa_panel_row_set_subtitle (WA_PANEL_ROW (row), subtitle);
  wa_panel_row_add_prefix (WA_PANEL_ROW (row),
                             wa_asset_symbol_icon_new_shape (wa_user_list_get_shape (list),
                                                             wa_user_list_get_rgb (list),
                                                             wa_user_list_get_name (list), 18));
  wa_panel_row_add_suffix (WA_PANEL_ROW (row), gtk_image_new_from_icon_name ("find-location-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Show on the map"));
  wa_a11y_own_row_name (row);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  wa_panel_row_get_title (WA_PANEL_ROW (row)),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  g_object_set_data_full (G_OBJECT (row), "list-id", g_strdup (wa_user_list_get_id (list)), g_free);
  g_object_set_data (G_OBJECT (row), "place-index", GUINT_TO_POINTER (index));
  g_signal_connect_object (row, "activated", G_CALLBACK (on_place_row_activated), self, 0);
  return row;
}

/* A list's places are added when its row is first opened, as the
 * built-in list's are. */
static void
on_user_row_expanded (AdwExpanderRow *row, GParamSpec *pspec, WaAssetSection *self)
{
  WaUserList *list = g_object_get_data (G_OBJECT (row), "user-list");
  const guint *places;
  guint n;

  if (!adw_expander_row_get_expanded (row) || g_object_get_data (G_OBJECT (row), "filled") != NULL
      || list == NULL || self->ward == NULL)
    return;
  places = wa_user_list_get_ward_places (list, wa_ward_get_index (self->ward), &n);
  for (guint i = 0; i < n; i++)
    adw_expander_row_add_row (row, place_row (list, places[i], self));
  g_object_set_data (G_OBJECT (row), "filled", GINT_TO_POINTER (1));
}

/* One list's row: the figures of a built-in category's row (count, rate,
 * the bar against England and the similar wards, the three-way benchmark
 * in the tooltip), opening to the ward's places. */
static GtkWidget *
user_list_row (WaAssetSection *self, WaUserList *list)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *bar = wa_asset_bar_new ();
  WaAssetStat s;
  WaBenchmarkRow benchmark;
  g_autofree char *subtitle = NULL, *tooltip = NULL;

  wa_user_list_summarise (list, self->atlas, wa_ward_get_index (self->ward), &s);
  wa_user_list_benchmark (list, self->atlas, &benchmark);
  subtitle = covered_subtitle (self, &s);
  tooltip = covered_tooltip (self, &s, &benchmark);
  /* Stored places outside this edition's wards (another boundary set). */
  if (wa_user_list_get_n_dropped (list) > 0)
    {
      guint dropped = wa_user_list_get_n_dropped (list);
      g_autofree char *counted = tooltip;

      tooltip = g_strdup_printf (ngettext ("%s %u place of the list lies outside this edition's wards and is "
                                           "not counted.",
                                           "%s %u places of the list lie outside this edition's wards and are "
                                           "not counted.", dropped),
                                 counted, dropped);
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), wa_user_list_get_name (list));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row),
                               wa_asset_symbol_icon_new_shape (wa_user_list_get_shape (list),
                                                               wa_user_list_get_rgb (list),
                                                               wa_user_list_get_name (list), 20));
  wa_asset_bar_set_values (WA_ASSET_BAR (bar), s.rate, s.rare ? NAN : s.england_rate,
                           s.rare ? NAN : s.similar_rate, s.scale_max);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (bar, 90, -1);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), bar);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), s.count > 0);
  gtk_widget_set_tooltip_text (row, tooltip);
  /* libadwaita 1.2 does not name expander rows: read as a category row. */
  describe_category_row (row, wa_user_list_get_name (list), subtitle);
  g_object_set_data_full (G_OBJECT (row), "user-list", wa_user_list_ref (list),
                          (GDestroyNotify) wa_user_list_unref);
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (on_user_row_expanded), self, 0);
  return row;
}

/* Rows are made again for each ward: a handful of lists. Shown only when
 * the lists were loaded for this section's atlas. */
static void
rebuild_user_lists (WaAssetSection *self)
{
  guint n = self->user_lists != NULL ? wa_user_lists_store_get_n_lists (self->user_lists) : 0;
  gboolean shown = self->atlas != NULL && self->ward != NULL && n > 0
                   && wa_user_lists_store_get_atlas (self->user_lists) == self->atlas;

  for (guint i = 0; i < self->user_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->lists_group),
                                  g_ptr_array_index (self->user_rows, i));
  g_ptr_array_set_size (self->user_rows, 0);
  gtk_widget_set_visible (self->lists_group, shown);
  for (guint i = 0; shown && i < n; i++)
    {
      GtkWidget *row = user_list_row (self, wa_user_lists_store_get_list (self->user_lists, i));

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->lists_group), row);
      g_ptr_array_add (self->user_rows, row);
    }
}

void
wa_asset_section_set_user_lists (WaAssetSection *self, WaUserListsStore *store)
{
  g_return_if_fail (WA_IS_ASSET_SECTION (self));
  if (wa_user_lists_store_watch (&self->user_lists, store, self, G_CALLBACK (rebuild_user_lists)))
    rebuild_user_lists (self);
}

static void
rebuild (WaAssetSection *self)
{
  guint n = 0;
  g_autofree char *count = NULL;

  rebuild_domains (self);
  rebuild_user_lists (self);
  clear_list (self);
  adw_expander_row_set_expanded (self->list_row, FALSE);
  if (self->atlas != NULL && self->ward != NULL)
    wa_assets_get_ward_assets (wa_atlas_get_assets (self->atlas), wa_ward_get_index (self->ward), &n);
  /* The count is a label of its own, not part of the subtitle: the
   * expander's header is libadwaita's box, where a changed wrapping
   * subtitle is measured some thirty times (see wa-panel-row.h). */
  count = g_strdup_printf (ngettext ("%u place", "%u places", n), n);
  gtk_label_set_text (self->list_count, count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  count, -1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->list_row), n > 0);
}

void
wa_asset_section_set_atlas (WaAssetSection *self, WaAtlas *atlas)
{
  g_return_if_fail (WA_IS_ASSET_SECTION (self));
  if (self->atlas == atlas)
    return;
  if (self->atlas != NULL)
    g_signal_handlers_disconnect_by_data (self->atlas, self);
  g_set_object (&self->atlas, atlas);
  g_clear_object (&self->ward);
  g_clear_pointer (&self->benchmark, g_array_unref);
  /* Left-behind figures follow the rank method. */
  if (atlas != NULL)
    g_signal_connect_object (atlas, "ranks-changed", G_CALLBACK (on_ranks_changed), self, G_CONNECT_SWAPPED);
  rebuild (self);
}

void
wa_asset_section_set_ward (WaAssetSection *self, WaWard *ward)
{
  g_return_if_fail (WA_IS_ASSET_SECTION (self));
  if (g_set_object (&self->ward, ward))
    rebuild (self);
}

static void
wa_asset_section_dispose (GObject *object)
{
  WaAssetSection *self = WA_ASSET_SECTION (object);

  if (self->atlas != NULL)
    g_signal_handlers_disconnect_by_data (self->atlas, self);
  g_clear_object (&self->atlas);
  g_clear_object (&self->ward);
  if (self->user_lists != NULL)
    g_signal_handlers_disconnect_by_data (self->user_lists, self);
  g_clear_object (&self->user_lists);
  g_clear_pointer (&self->user_rows, g_ptr_array_unref);
  g_clear_pointer (&self->list_rows, g_ptr_array_unref);
  g_clear_pointer (&self->benchmark, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), WA_TYPE_ASSET_SECTION);
  G_OBJECT_CLASS (wa_asset_section_parent_class)->dispose (object);
}

static void
wa_asset_section_class_init (WaAssetSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wa_asset_section_dispose;
  signals[SIGNAL_ASSET_ACTIVATED] =
    g_signal_new ("asset-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wardatlas/WardAtlas/wa-asset-section.ui");
  gtk_widget_class_bind_template_child (widget_class, WaAssetSection, root);
  gtk_widget_class_bind_template_child (widget_class, WaAssetSection, intro_label);
  gtk_widget_class_bind_template_child (widget_class, WaAssetSection, uncovered_label);
  gtk_widget_class_bind_template_child (widget_class, WaAssetSection, domains_box);
  gtk_widget_class_bind_template_child (widget_class, WaAssetSection, list_row);
  gtk_widget_class_bind_template_child (widget_class, WaAssetSection, list_count);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
wa_asset_section_init (WaAssetSection *self)
{
  g_autofree char *intro = NULL;

  self->list_rows = g_ptr_array_new ();
  self->user_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  /* After the built-in categories, before the "not available" line. */
  self->lists_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->lists_group), _("Your Lists"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->lists_group),
                                         _("Places from your own lists, counted like the categories above."));
  gtk_widget_set_visible (self->lists_group, FALSE);
  gtk_box_insert_child_after (GTK_BOX (self->root), self->lists_group, GTK_WIDGET (self->domains_box));
  intro = g_strdup_printf (_("Places per 1,000 residents, each category on one scale for every ward. "
                             "Bar: this ward; E: England (all places over all residents); S: similar "
                             "wards. For rare places, the share of wards with one and the mean rate. "
                             "Similar wards: %s."),
                           wa_assets_similar_definition ());
  gtk_label_set_text (self->intro_label, intro);
  g_signal_connect_object (self->list_row, "notify::expanded", G_CALLBACK (on_list_expanded), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
wa_asset_section_new (void)
{
  return g_object_new (WA_TYPE_ASSET_SECTION, NULL);
}
