/* wa-asset-legend.c
 *
 * The legend floats over the map, so the asset entry stays folded until
 * the user opens it (open, it would cover a third of a laptop map); its
 * title says whether the points are drawn at this zoom (from zoom 12). It
 * finds the map's viewport itself, so the window needs no wiring.
 */
#include <glib/gi18n.h>
#include <shumate/shumate.h>

#include "wa-asset.h"
#include "wa-asset-layer.h"
#include "wa-asset-legend.h"
#include "wa-asset-symbol-icon.h"
#include "wa-legend.h"
#include "wa-user-lists-store.h"
#include "wa-window.h"

struct _WaAssetLegend
{
  GtkWidget parent_instance;

  GtkWidget *expander;
  GtkLabel *title_label;
  GtkBox *box;
  GtkLabel *hint_label;

  ShumateViewport *viewport;   /* weak: the map's */
  WaUserListsStore *user_lists; /* weak: the window's */
  GtkWidget *lists_grid;       /* the user's lists' symbols, or NULL */
};

G_DEFINE_FINAL_TYPE (WaAssetLegend, wa_asset_legend, GTK_TYPE_WIDGET)

static const char *const domain_actions[WA_N_ASSET_DOMAINS] = {
  "win.show-assets-civic", "win.show-assets-engaged", "win.show-assets-connected",
};

static GtkWidget *
category_grid (WaAssetDomain domain)
{
  GtkWidget *grid = gtk_grid_new ();
  guint n = 0;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 4);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 1);
  gtk_widget_set_margin_start (grid, 26);
  for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    {
      GtkWidget *label;

      if (wa_asset_category_domain (c) != domain)
        continue;
      label = gtk_label_new (wa_asset_category_name (c));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_set_margin_end (label, 6);
      gtk_grid_attach (GTK_GRID (grid), wa_asset_symbol_icon_new (c, 14), (n % 2) * 2, n / 2, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), label, (n % 2) * 2 + 1, n / 2, 1, 1);
      n++;
    }
  return grid;
}

/* The user's lists after the categories, each with its symbol; drawn
 * with the same toggles. */
static void
rebuild_lists (WaAssetLegend *self)
{
  guint n = self->user_lists != NULL ? wa_user_lists_store_get_n_lists (self->user_lists) : 0;
  GtkWidget *title;

  if (self->lists_grid != NULL)
    gtk_box_remove (self->box, g_steal_pointer (&self->lists_grid));
  if (n == 0)
    return;
  self->lists_grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->lists_grid), 4);
  gtk_grid_set_row_spacing (GTK_GRID (self->lists_grid), 1);
  title = gtk_label_new (_("Your lists"));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "caption");
  gtk_grid_attach (GTK_GRID (self->lists_grid), title, 0, 0, 4, 1);
  for (guint i = 0; i < n; i++)
    {
      WaUserList *list = wa_user_lists_store_get_list (self->user_lists, i);
      GtkWidget *label = gtk_label_new (wa_user_list_get_name (list));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_set_margin_end (label, 6);
      gtk_grid_attach (GTK_GRID (self->lists_grid),
                       wa_asset_symbol_icon_new_shape (wa_user_list_get_shape (list), wa_user_list_get_rgb (list),
                                                       wa_user_list_get_name (list), 14),
                       (i % 2) * 2, 1 + i / 2, 1, 1);
      gtk_grid_attach (GTK_GRID (self->lists_grid), label, (i % 2) * 2 + 1, 1 + i / 2, 1, 1);
    }
  gtk_box_append (self->box, self->lists_grid);
}

static void
follow_zoom (WaAssetLegend *self)
{
  gboolean drawn;

  if (self->viewport == NULL)
    return;
  drawn = shumate_viewport_get_zoom_level (self->viewport) >= WA_ASSET_LAYER_MIN_ZOOM;
  gtk_label_set_text (self->title_label, drawn ? _("Social infrastructure")
                                               : _("Social infrastructure (zoom in to see)"));
}

static void
on_root (WaAssetLegend *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  ShumateMap *map = root != NULL ? wa_legend_find_map (GTK_WIDGET (root)) : NULL;
  WaUserListsStore *store = WA_IS_WINDOW (root) ? wa_window_get_user_lists (WA_WINDOW (root)) : NULL;

  if (store != self->user_lists)
    {
      if (self->user_lists != NULL)
        g_signal_handlers_disconnect_by_data (self->user_lists, self);
      g_set_weak_pointer (&self->user_lists, store);
      if (store != NULL)
        g_signal_connect_object (store, "changed", G_CALLBACK (rebuild_lists), self, G_CONNECT_SWAPPED);
      rebuild_lists (self);
    }
  if (map == NULL || shumate_map_get_viewport (map) == self->viewport)
    return;
  g_set_weak_pointer (&self->viewport, shumate_map_get_viewport (map));
  g_signal_connect_object (self->viewport, "notify::zoom-level", G_CALLBACK (follow_zoom), self,
                           G_CONNECT_SWAPPED);
  follow_zoom (self);
}

static void
wa_asset_legend_dispose (GObject *object)
{
  WaAssetLegend *self = WA_ASSET_LEGEND (object);

  g_clear_weak_pointer (&self->viewport);
  if (self->user_lists != NULL)
    g_signal_handlers_disconnect_by_data (self->user_lists, self);
  g_clear_weak_pointer (&self->user_lists);
  self->lists_grid = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (object), WA_TYPE_ASSET_LEGEND);
  G_OBJECT_CLASS (wa_asset_legend_parent_class)->dispose (object);
}

static void
wa_asset_legend_class_init (WaAssetLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wa_asset_legend_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wardatlas/WardAtlas/wa-asset-legend.ui");
  gtk_widget_class_bind_template_child (widget_class, WaAssetLegend, expander);
  gtk_widget_class_bind_template_child (widget_class, WaAssetLegend, title_label);
  gtk_widget_class_bind_template_child (widget_class, WaAssetLegend, box);
  gtk_widget_class_bind_template_child (widget_class, WaAssetLegend, hint_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
wa_asset_legend_init (WaAssetLegend *self)
{
  g_autofree char *hint = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  hint = g_strdup_printf (_("Points from zoom %.0f; click one for its name"), WA_ASSET_LAYER_MIN_ZOOM);
  gtk_label_set_text (self->hint_label, hint);
  for (int d = 0; d < WA_N_ASSET_DOMAINS; d++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (wa_asset_domain_name (d));

      gtk_actionable_set_action_name (GTK_ACTIONABLE (check), domain_actions[d]);
      gtk_widget_add_css_class (check, "caption");
      gtk_box_append (self->box, check);
      gtk_box_append (self->box, category_grid (d));
    }
  /* The map is found once the legend is in the window (it may be added
   * before or after the map). */
  g_signal_connect (self, "notify::root", G_CALLBACK (on_root), NULL);
  g_signal_connect (self, "map", G_CALLBACK (on_root), NULL);
}

GtkWidget *
wa_asset_legend_new (void)
{
  return g_object_new (WA_TYPE_ASSET_LEGEND, NULL);
}
