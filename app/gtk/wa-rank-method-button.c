/* wa-rank-method-button.c
 *
 * The checks activate rank-method.choose, whose state is only a view of
 * the settings (recomputed whenever they change), so nothing here needs
 * to guard against its own updates.
 */
#include <glib/gi18n.h>

#include "wa-rank-method-button.h"

struct _WaRankMethodButton
{
  GtkWidget parent_instance;

  GSettings *settings;
  GSimpleAction *choose;
  WaEdition edition;
  gboolean have_edition;

  /* template children */
  GtkMenuButton *button;
  GtkBox *method_box;
  GtkLabel *method_description;
  GtkWidget *threshold_spin;
  GtkWidget *threshold_label;
  GtkWidget *weight_imd_spin;
  GtkWidget *weight_imd_label;
  GtkWidget *weight_cni_spin;
  GtkWidget *weight_cni_label;

  GtkWidget *method_checks[WA_N_RANK_METHODS];
};

G_DEFINE_FINAL_TYPE (WaRankMethodButton, wa_rank_method_button, GTK_TYPE_WIDGET)

void
wa_rank_params_from_settings (GSettings *settings, WaEdition edition, WaRankParams *params)
{
  g_autofree char *id = g_settings_get_string (settings, "rank-method");

  wa_rank_params_init (params);
  if (!wa_rank_method_from_id (id, &params->method)
      || !wa_rank_method_available (params->method, edition))
    params->method = wa_rank_method_default_for (edition);
  params->threshold_percent = g_settings_get_double (settings, "threshold");
  params->weight_imd = g_settings_get_double (settings, "weight-imd");
  params->weight_cni = g_settings_get_double (settings, "weight-cni");
  if (!wa_rank_params_validate (params, edition, NULL))
    wa_rank_params_init (params);
}

void
wa_rank_params_from_settings_all (GSettings *settings, WaRankParams by_edition[WA_N_EDITIONS])
{
  for (int e = 0; e < WA_N_EDITIONS; e++)
    wa_rank_params_from_settings (settings, (WaEdition) e, &by_edition[e]);
}

/* Screen readers read "Rank method" with the chosen method as the
 * description, on the menu button and on the toggle button inside it that
 * takes the focus (GTK 4.8 names that one after its label, the value). */
static void
name_button (WaRankMethodButton *self, const char *value)
{
  GtkWidget *inner = gtk_widget_get_first_child (GTK_WIDGET (self->button));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Rank method"), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, value, -1);
  if (inner != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (inner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Rank method"), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, value, -1);
}

static void
sync_controls (WaRankMethodButton *self)
{
  WaRankParams params;
  gboolean threshold, weights;

  if (!self->have_edition || self->choose == NULL)
    return;
  wa_rank_params_from_settings (self->settings, self->edition, &params);
  threshold = wa_rank_method_uses_threshold (params.method);
  weights = wa_rank_method_uses_weights (params.method);

  g_simple_action_set_state (self->choose,
                             g_variant_new_string (wa_rank_method_to_id (params.method)));
  gtk_menu_button_set_label (self->button, wa_rank_method_label (params.method));
  name_button (self, wa_rank_method_label (params.method));
  gtk_label_set_text (self->method_description, wa_rank_method_describe (params.method));
  gtk_widget_set_sensitive (self->threshold_spin, threshold);
  gtk_widget_set_sensitive (self->threshold_label, threshold);
  gtk_widget_set_visible (self->weight_imd_spin, weights);
  gtk_widget_set_visible (self->weight_imd_label, weights);
  gtk_widget_set_visible (self->weight_cni_spin, weights);
  gtk_widget_set_visible (self->weight_cni_label, weights);
  for (guint m = 0; m < WA_N_RANK_METHODS; m++)
    gtk_widget_set_sensitive (self->method_checks[m], wa_rank_method_available (m, self->edition));
}

void
wa_rank_method_button_set_edition (WaRankMethodButton *self, WaEdition edition)
{
  g_return_if_fail (WA_IS_RANK_METHOD_BUTTON (self));

  self->edition = edition;
  self->have_edition = TRUE;
  sync_controls (self);
}

static void
change_method (GSimpleAction *action, GVariant *value, gpointer data)
{
  WaRankMethodButton *self = data;
  WaRankMethod method;

  if (wa_rank_method_from_id (g_variant_get_string (value, NULL), &method))
    g_settings_set_string (self->settings, "rank-method", wa_rank_method_to_id (method));
}

static void
build_method_list (WaRankMethodButton *self)
{
  GtkCheckButton *group = NULL;

  for (guint m = 0; m < WA_N_RANK_METHODS; m++)
    {
      /* One of several: a radio item for screen readers (GTK 4.8 keeps
       * the check box role for grouped check buttons). */
      GtkWidget *check = g_object_new (GTK_TYPE_CHECK_BUTTON, "label", wa_rank_method_label (m),
                                       "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO, NULL);

      gtk_actionable_set_action_name (GTK_ACTIONABLE (check), "rank-method.choose");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (check), "s", wa_rank_method_to_id (m));
      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      else
        group = GTK_CHECK_BUTTON (check);
      gtk_box_append (self->method_box, check);
      self->method_checks[m] = check;
    }
}

static void
wa_rank_method_button_dispose (GObject *object)
{
  WaRankMethodButton *self = WA_RANK_METHOD_BUTTON (object);

  /* The action group goes with the widget's action muxer now. */
  g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->choose);
  gtk_widget_dispose_template (GTK_WIDGET (object), WA_TYPE_RANK_METHOD_BUTTON);
  G_OBJECT_CLASS (wa_rank_method_button_parent_class)->dispose (object);
}

static void
wa_rank_method_button_finalize (GObject *object)
{
  WaRankMethodButton *self = WA_RANK_METHOD_BUTTON (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (wa_rank_method_button_parent_class)->finalize (object);
}

static void
wa_rank_method_button_class_init (WaRankMethodButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wa_rank_method_button_dispose;
  object_class->finalize = wa_rank_method_button_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wardatlas/WardAtlas/wa-rank-method-button.ui");
  gtk_widget_class_bind_template_child (widget_class, WaRankMethodButton, button);
  gtk_widget_class_bind_template_child (widget_class, WaRankMethodButton, method_box);
  gtk_widget_class_bind_template_child (widget_class, WaRankMethodButton, method_description);
  gtk_widget_class_bind_template_child (widget_class, WaRankMethodButton, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, WaRankMethodButton, threshold_label);
  gtk_widget_class_bind_template_child (widget_class, WaRankMethodButton, weight_imd_spin);
  gtk_widget_class_bind_template_child (widget_class, WaRankMethodButton, weight_imd_label);
  gtk_widget_class_bind_template_child (widget_class, WaRankMethodButton, weight_cni_spin);
  gtk_widget_class_bind_template_child (widget_class, WaRankMethodButton, weight_cni_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GENERIC);
}

static void
wa_rank_method_button_init (WaRankMethodButton *self)
{
  static const char * const keys[] = { "rank-method", "threshold", "weight-imd", "weight-cni" };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  self->settings = g_settings_new (WA_APP_ID);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->choose = g_simple_action_new_stateful ("choose", G_VARIANT_TYPE_STRING,
                                               g_variant_new_string (""));
  g_signal_connect_object (self->choose, "change-state", G_CALLBACK (change_method), self, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (self->choose));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "rank-method", G_ACTION_GROUP (group));
  build_method_list (self);

  g_settings_bind (self->settings, "threshold", self->threshold_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "weight-imd", self->weight_imd_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "weight-cni", self->weight_cni_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *signal = g_strconcat ("changed::", keys[i], NULL);

      g_signal_connect_object (self->settings, signal, G_CALLBACK (sync_controls), self,
                               G_CONNECT_SWAPPED);
    }
}
