/* wa-preferences-window.c
 *
 * Every row is bound to a GSettings key, so the window that reads the key
 * follows at once. Choice rows hold a NULL-terminated list of the key's
 * values in row order; one pair of mapping functions serves them all.
 */
#include <glib/gi18n.h>

#include "wa-asset-symbol-icon.h"
#include "wa-atlas.h"
#include "wa-edition.h"
#include "wa-format.h"
#include "wa-map-theme.h"
#include "wa-pack-chooser.h"
#include "wa-palette.h"
#include "wa-preferences-window.h"
#include "wa-a11y-names.h"
#include "wa-rank-method.h"
#include "wa-list-import-dialog.h"
#include "wa-window.h"

struct _WaPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;
  GCancellable *check_cancellable;
  char **choice_ids[4];   /* value lists of the four choice rows */

  AdwComboRow *palette_row;
  AdwComboRow *labels_row;
  GtkSwitch *basemap_switch;
  AdwComboRow *edition_row;
  AdwComboRow *method_row;
  AdwActionRow *pack_row;
  GtkWidget *pack_button;
  GtkWidget *pack_clear_button;
  GtkWidget *pack_error_box;
  GtkLabel *pack_error_label;
  GtkWidget *reset_button;

  WaUserListsStore *lists;
  GPtrArray *list_rows;     /* the rows added to lists_group */
  AdwPreferencesGroup *lists_group;
  GtkWidget *lists_empty_row;
  GtkWidget *import_list_button;
};

G_DEFINE_FINAL_TYPE (WaPreferencesWindow, wa_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum { CHOICE_PALETTE, CHOICE_LABELS, CHOICE_EDITION, CHOICE_METHOD };

static gboolean
id_to_row (GValue *value, GVariant *variant, gpointer data)
{
  const char * const *ids = data;
  const char *id = g_variant_get_string (variant, NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    if (g_str_equal (id, ids[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
row_to_id (const GValue *value, const GVariantType *type, gpointer data)
{
  const char * const *ids = data;
  guint selected = g_value_get_uint (value);

  if (selected >= g_strv_length ((char **) ids))
    return NULL;
  return g_variant_new_string (ids[selected]);
}

/* Fills a choice row with labels and remembers the matching key values. */
static void
set_choices (WaPreferencesWindow *self, guint which, AdwComboRow *row,
             GStrvBuilder *ids, GtkStringList *labels)
{
  g_autoptr(GtkListItemFactory) factory = wa_a11y_named_list_factory (FALSE);
  g_autoptr(GtkListItemFactory) list_factory = wa_a11y_named_list_factory (TRUE);

  self->choice_ids[which] = g_strv_builder_end (ids);
  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
  /* The shown value and the popup's items with names (GTK 4.8 leaves
   * them empty). */
  adw_combo_row_set_factory (row, factory);
  adw_combo_row_set_list_factory (row, list_factory);
}

/* libadwaita 1.2's own search entry reads "GtkSearchEntry". */
static void
name_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Search preferences"), -1);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_search_entry (child);
}

static void
fill_models (WaPreferencesWindow *self)
{
  g_autoptr(GStrvBuilder) ids = NULL;
  g_autoptr(GtkStringList) labels = NULL;

  ids = g_strv_builder_new ();
  labels = gtk_string_list_new (NULL);
  for (guint p = 0; p < WA_N_PALETTES; p++)
    {
      g_strv_builder_add (ids, wa_palette_to_id (p));
      gtk_string_list_append (labels, wa_palette_label (p));
    }
  set_choices (self, CHOICE_PALETTE, self->palette_row, ids, labels);
  g_clear_pointer (&ids, g_strv_builder_unref);
  g_clear_object (&labels);

  ids = g_strv_builder_new ();
  labels = gtk_string_list_new (NULL);
  for (guint d = 0; d < WA_N_LABEL_DENSITIES; d++)
    {
      g_strv_builder_add (ids, wa_label_density_to_id (d));
      gtk_string_list_append (labels, wa_label_density_label (d));
    }
  set_choices (self, CHOICE_LABELS, self->labels_row, ids, labels);
  g_clear_pointer (&ids, g_strv_builder_unref);
  g_clear_object (&labels);

  ids = g_strv_builder_new ();
  labels = gtk_string_list_new (NULL);
  g_strv_builder_add (ids, "newest");
  gtk_string_list_append (labels, _("Newest available"));
  for (guint e = 0; e < WA_N_EDITIONS; e++)
    {
      g_strv_builder_add (ids, wa_edition_to_string (e));
      gtk_string_list_append (labels, wa_edition_describe (e));
    }
  set_choices (self, CHOICE_EDITION, self->edition_row, ids, labels);
  g_clear_pointer (&ids, g_strv_builder_unref);
  g_clear_object (&labels);

  ids = g_strv_builder_new ();
  labels = gtk_string_list_new (NULL);
  for (guint m = 0; m < WA_N_RANK_METHODS; m++)
    {
      g_strv_builder_add (ids, wa_rank_method_to_id (m));
      gtk_string_list_append (labels, wa_rank_method_label (m));
    }
  set_choices (self, CHOICE_METHOD, self->method_row, ids, labels);
}

/* The binding lives as long as the row, and the row can outlive this
 * window (the accessibility layer keeps references to rows), so the
 * binding owns its own copy of the values. */
static void
bind_choice (WaPreferencesWindow *self, const char *key, AdwComboRow *row, guint which)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                id_to_row, row_to_id, g_strdupv (self->choice_ids[which]),
                                (GDestroyNotify) g_strfreev);
}

static void
unbind_settings (WaPreferencesWindow *self)
{
  AdwComboRow *rows[] = { self->palette_row, self->labels_row, self->edition_row, self->method_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i] != NULL)
      g_settings_unbind (rows[i], "selected");
  if (self->basemap_switch != NULL)
    g_settings_unbind (self->basemap_switch, "active");
}

/* ---- data pack ------------------------------------------------------- */

static void
show_pack_error (WaPreferencesWindow *self, const char *message)
{
  gtk_label_set_text (self->pack_error_label, message ? message : "");
  gtk_widget_set_visible (self->pack_error_box, message != NULL);
}

static void
update_pack_row (WaPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "pack-path");

  if (path[0] == '\0')
    adw_action_row_set_subtitle (self->pack_row,
                                 _("Found automatically for the edition above"));
  else
    {
      g_autofree char *escaped = g_markup_escape_text (path, -1);

      adw_action_row_set_subtitle (self->pack_row, escaped);
    }
  gtk_widget_set_sensitive (self->pack_clear_button, path[0] != '\0');
}

static void
pack_checked (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(WaPreferencesWindow) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) atlas = wa_atlas_open_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->check_cancellable);
  gtk_widget_set_sensitive (self->pack_button, TRUE);
  if (atlas == NULL)
    {
      show_pack_error (self, error->message);
      return;
    }
  show_pack_error (self, NULL);
  g_settings_set_string (self->settings, "pack-path", wa_atlas_get_path (atlas));
}

/* The file is only stored once the model has opened it as a pack, so a
 * wrong choice never replaces a working setting. */
void
wa_preferences_window_choose_pack (WaPreferencesWindow *self, const char *path)
{
  g_return_if_fail (WA_IS_PREFERENCES_WINDOW (self));

  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  self->check_cancellable = g_cancellable_new ();
  show_pack_error (self, NULL);
  gtk_widget_set_sensitive (self->pack_button, FALSE);
  wa_atlas_open_async (path, self->check_cancellable, pack_checked, g_object_ref (self));
}

static void
on_pack_chosen (gpointer owner, const char *path)
{
  wa_preferences_window_choose_pack (WA_PREFERENCES_WINDOW (owner), path);
}

static void
on_pack_button (WaPreferencesWindow *self)
{
  wa_pack_chooser_show (GTK_WINDOW (self), _("Choose Data Pack"), _("_Choose"), on_pack_chosen,
                        G_OBJECT (self));
}

static void
on_pack_clear (WaPreferencesWindow *self)
{
  show_pack_error (self, NULL);
  g_settings_reset (self->settings, "pack-path");
}

/* ---- your asset lists ---------------------------------------------------- */

static void
on_remove_response (AdwMessageDialog *dialog, const char *response, WaPreferencesWindow *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "wa-list-id");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "remove") != 0 || self->lists == NULL)
    return;
  if (!wa_user_lists_store_remove (self->lists, id, &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

static void
on_remove_list (GtkButton *button, WaPreferencesWindow *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "wa-list-id");
  const char *name = g_object_get_data (G_OBJECT (button), "wa-list-name");
  g_autofree char *heading = g_strdup_printf (_("Remove “%s”?"), name);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("The list is deleted from this computer and leaves the map, "
                                     "the panel and the table. The file you imported it from is "
                                     "not touched."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "wa-list-id", g_strdup (id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
list_row (WaPreferencesWindow *self, WaUserList *list)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  guint n = wa_user_list_get_n_places (list);
  g_autofree char *title = g_markup_escape_text (wa_user_list_get_name (list), -1);
  g_autofree char *count = wa_format_count (n);
  g_autofree char *subtitle = g_strdup_printf (ngettext ("%s place", "%s places", n), count);
  g_autofree char *remove_name = g_strdup_printf (_("Remove “%s”"), wa_user_list_get_name (list));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             wa_asset_symbol_icon_new_shape (wa_user_list_get_shape (list),
                                                             wa_user_list_get_rgb (list), NULL, 18));
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, remove_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_name, -1);
  g_object_set_data_full (G_OBJECT (remove), "wa-list-id", g_strdup (wa_user_list_get_id (list)),
                          g_free);
  g_object_set_data_full (G_OBJECT (remove), "wa-list-name",
                          g_strdup (wa_user_list_get_name (list)), g_free);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_list), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
update_lists (WaPreferencesWindow *self)
{
  guint n = self->lists != NULL ? wa_user_lists_store_get_n_lists (self->lists) : 0;

  for (guint i = 0; i < self->list_rows->len; i++)
    adw_preferences_group_remove (self->lists_group, g_ptr_array_index (self->list_rows, i));
  g_ptr_array_set_size (self->list_rows, 0);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = list_row (self, wa_user_lists_store_get_list (self->lists, i));

      adw_preferences_group_add (self->lists_group, row);
      g_ptr_array_add (self->list_rows, row);
    }
  gtk_widget_set_visible (self->lists_empty_row, n == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->lists_group), self->lists != NULL);
}

static void
on_import_list (WaPreferencesWindow *self)
{
  if (self->lists != NULL)
    wa_list_import_dialog_choose (GTK_WINDOW (self), self->lists);
}

void
wa_preferences_window_set_user_lists (WaPreferencesWindow *self, WaUserListsStore *store)
{
  g_return_if_fail (WA_IS_PREFERENCES_WINDOW (self));

  if (self->lists != NULL)
    g_signal_handlers_disconnect_by_data (self->lists, self);
  g_set_object (&self->lists, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (update_lists), self, G_CONNECT_SWAPPED);
  update_lists (self);
}

/* ---- reset ------------------------------------------------------------- */

void
wa_preferences_window_reset (WaPreferencesWindow *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_return_if_fail (WA_IS_PREFERENCES_WINDOW (self));

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (self->settings, keys[i]);
  show_pack_error (self, NULL);
}

static void
bind_settings (WaPreferencesWindow *self)
{
  bind_choice (self, "palette", self->palette_row, CHOICE_PALETTE);
  bind_choice (self, "label-density", self->labels_row, CHOICE_LABELS);
  bind_choice (self, "edition", self->edition_row, CHOICE_EDITION);
  bind_choice (self, "rank-method", self->method_row, CHOICE_METHOD);
  g_settings_bind (self->settings, "online-basemap", self->basemap_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::pack-path", G_CALLBACK (update_pack_row),
                           self, G_CONNECT_SWAPPED);
  update_pack_row (self);
}

static void
wa_preferences_window_dispose (GObject *object)
{
  WaPreferencesWindow *self = WA_PREFERENCES_WINDOW (object);

  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  /* A closed window's rows must not keep writing the settings. */
  unbind_settings (self);
  g_clear_object (&self->settings);
  if (self->lists != NULL)
    g_signal_handlers_disconnect_by_data (self->lists, self);
  g_clear_object (&self->lists);
  gtk_widget_dispose_template (GTK_WIDGET (self), WA_TYPE_PREFERENCES_WINDOW);
  G_OBJECT_CLASS (wa_preferences_window_parent_class)->dispose (object);
}

static void
wa_preferences_window_finalize (GObject *object)
{
  WaPreferencesWindow *self = WA_PREFERENCES_WINDOW (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->choice_ids); i++)
    g_strfreev (self->choice_ids[i]);
  g_ptr_array_unref (self->list_rows);
  G_OBJECT_CLASS (wa_preferences_window_parent_class)->finalize (object);
}

static void
wa_preferences_window_class_init (WaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wa_preferences_window_dispose;
  object_class->finalize = wa_preferences_window_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/wardatlas/WardAtlas/wa-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WaPreferencesWindow, palette_row);
  gtk_widget_class_bind_template_child (widget_class, WaPreferencesWindow, labels_row);
  gtk_widget_class_bind_template_child (widget_class, WaPreferencesWindow, basemap_switch);
  gtk_widget_class_bind_template_child (widget_class, WaPreferencesWindow, edition_row);
  gtk_widget_class_bind_template_child (widget_class, WaPreferencesWindow, method_row);
  gtk_widget_class_bind_template_child (widget_class, WaPreferencesWindow, pack_row);
  gtk_widget_class_bind_template_child (widget_class, WaPreferencesWindow, pack_button);
  gtk_widget_class_bind_template_child (widget_class, WaPreferencesWindow, pack_clear_button);
  gtk_widget_class_bind_template_child (widget_class, WaPreferencesWindow, pack_error_box);
  gtk_widget_class_bind_template_child (widget_class, WaPreferencesWindow, pack_error_label);
  gtk_widget_class_bind_template_child (widget_class, WaPreferencesWindow, reset_button);
  gtk_widget_class_bind_template_child (widget_class, WaPreferencesWindow, lists_group);
  gtk_widget_class_bind_template_child (widget_class, WaPreferencesWindow, lists_empty_row);
  gtk_widget_class_bind_template_child (widget_class, WaPreferencesWindow, import_list_button);
}

static void
wa_preferences_window_init (WaPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->list_rows = g_ptr_array_new ();
  fill_models (self);
  wa_a11y_name_mnemonic_buttons (GTK_WIDGET (self));
  name_search_entry (GTK_WIDGET (self));
  g_signal_connect_object (self->pack_button, "clicked", G_CALLBACK (on_pack_button), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pack_clear_button, "clicked", G_CALLBACK (on_pack_clear), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->import_list_button, "clicked", G_CALLBACK (on_import_list), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reset_button, "clicked",
                           G_CALLBACK (wa_preferences_window_reset), self, G_CONNECT_SWAPPED);
}

GtkWidget *
wa_preferences_window_new (GtkWindow *parent, GSettings *settings)
{
  WaPreferencesWindow *self = g_object_new (WA_TYPE_PREFERENCES_WINDOW,
                                            "transient-for", parent, NULL);

  self->settings = g_object_ref (settings);
  bind_settings (self);
  if (WA_IS_WINDOW (parent))
    wa_preferences_window_set_user_lists (self, wa_window_get_user_lists (WA_WINDOW (parent)));
  return GTK_WIDGET (self);
}

const char *
wa_preferences_window_get_pack_error (WaPreferencesWindow *self)
{
  g_return_val_if_fail (WA_IS_PREFERENCES_WINDOW (self), NULL);
  if (!gtk_widget_get_visible (self->pack_error_box))
    return NULL;
  return gtk_label_get_text (self->pack_error_label);
}
