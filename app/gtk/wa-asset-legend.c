/* wa-asset-legend.c */
#include <glib/gi18n.h>

#include "wa-asset.h"
#include "wa-asset-layer.h"
#include "wa-asset-legend.h"
#include "wa-asset-symbol-icon.h"

struct _WaAssetLegend
{
  GtkWidget parent_instance;

  GtkWidget *expander;
  GtkBox *box;
  GtkLabel *hint_label;
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

static void
wa_asset_legend_dispose (GObject *object)
{
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
}

GtkWidget *
wa_asset_legend_new (void)
{
  return g_object_new (WA_TYPE_ASSET_LEGEND, NULL);
}
