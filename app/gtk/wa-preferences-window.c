/* wa-preferences-window.c */
#include <glib/gi18n.h>

#include "wa-edition.h"
#include "wa-palette.h"
#include "wa-preferences-window.h"

struct _WaPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;

  AdwComboRow *palette_row;
  GtkSwitch *labels_switch;
  GtkSwitch *basemap_switch;
  AdwComboRow *edition_row;
};

G_DEFINE_FINAL_TYPE (WaPreferencesWindow, wa_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Edition choices, in the order of the combo row. */
static const char * const edition_ids[] = { "newest", "2019", "2025" };

static gboolean
palette_to_row (GValue *value, GVariant *variant, gpointer data)
{
  WaPalette palette;

  if (!wa_palette_from_id (g_variant_get_string (variant, NULL), &palette))
    return FALSE;
  g_value_set_uint (value, palette);
  return TRUE;
}

static GVariant *
row_to_palette (const GValue *value, const GVariantType *type, gpointer data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= WA_N_PALETTES)
    return NULL;
  return g_variant_new_string (wa_palette_to_id (selected));
}

static gboolean
edition_to_row (GValue *value, GVariant *variant, gpointer data)
{
  const char *id = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (edition_ids); i++)
    if (g_str_equal (id, edition_ids[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
row_to_edition (const GValue *value, const GVariantType *type, gpointer data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (edition_ids))
    return NULL;
  return g_variant_new_string (edition_ids[selected]);
}

static void
fill_models (WaPreferencesWindow *self)
{
  g_autoptr(GtkStringList) palettes = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) editions = gtk_string_list_new (NULL);

  for (guint p = 0; p < WA_N_PALETTES; p++)
    gtk_string_list_append (palettes, wa_palette_label (p));
  adw_combo_row_set_model (self->palette_row, G_LIST_MODEL (palettes));

  gtk_string_list_append (editions, _("Newest available"));
  for (guint e = 0; e < WA_N_EDITIONS; e++)
    gtk_string_list_append (editions, wa_edition_describe (e));
  adw_combo_row_set_model (self->edition_row, G_LIST_MODEL (editions));
}

static void
bind_settings (WaPreferencesWindow *self)
{
  g_settings_bind_with_mapping (self->settings, "palette", self->palette_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, palette_to_row, row_to_palette,
                                NULL, NULL);
  g_settings_bind (self->settings, "show-labels", self->labels_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "online-basemap", self->basemap_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "edition", self->edition_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, edition_to_row, row_to_edition,
                                NULL, NULL);
}

static void
wa_preferences_window_dispose (GObject *object)
{
  WaPreferencesWindow *self = WA_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), WA_TYPE_PREFERENCES_WINDOW);
  G_OBJECT_CLASS (wa_preferences_window_parent_class)->dispose (object);
}

static void
wa_preferences_window_class_init (WaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wa_preferences_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/wardatlas/WardAtlas/wa-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WaPreferencesWindow, palette_row);
  gtk_widget_class_bind_template_child (widget_class, WaPreferencesWindow, labels_switch);
  gtk_widget_class_bind_template_child (widget_class, WaPreferencesWindow, basemap_switch);
  gtk_widget_class_bind_template_child (widget_class, WaPreferencesWindow, edition_row);
}

static void
wa_preferences_window_init (WaPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_models (self);
}

GtkWidget *
wa_preferences_window_new (GtkWindow *parent, GSettings *settings)
{
  WaPreferencesWindow *self = g_object_new (WA_TYPE_PREFERENCES_WINDOW,
                                            "transient-for", parent, NULL);

  self->settings = g_object_ref (settings);
  bind_settings (self);
  return GTK_WIDGET (self);
}
