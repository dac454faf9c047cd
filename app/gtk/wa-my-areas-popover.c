/* wa-my-areas-popover.c
 *
 * The list is rebuilt from the areas file on every change (a few dozen
 * areas at most); every write goes through the core's store, which
 * never leaves the file half-saved. Importing reads and saves in a GTask
 * thread: a big boundary file takes a while and must not freeze the map.
 */
#include <glib/gi18n.h>
#include <adwaita.h>

#include "wa-my-areas-popover.h"
#include "wa-name-dialog.h"
#include "wa-announcer.h"

struct _WaMyAreasPopover
{
  GtkPopover parent_instance;

  GtkListBox *list;
  GtkLabel *hint_label;
  GtkButton *import_button;
  GtkWidget *name_dialog;          /* asking which field names the areas, or NULL */

  GPtrArray *areas;              /* of WaCustomArea* */
  GtkNativeDialog *chooser;      /* the open file chooser, if any */
};

G_DEFINE_FINAL_TYPE (WaMyAreasPopover, wa_my_areas_popover, GTK_TYPE_POPOVER)

enum {
  SIGNAL_AREA_ACTIVATED,
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWindow *
parent_window (WaMyAreasPopover *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* An error in a dialog: the heading says what failed, the body why (the
 * core's messages name the file). */
static void
show_error (WaMyAreasPopover *self, const char *heading, const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static WaCustomArea *
lookup (WaMyAreasPopover *self, const char *id)
{
  for (guint i = 0; self->areas != NULL && i < self->areas->len; i++)
    if (g_strcmp0 (wa_custom_area_get_id (g_ptr_array_index (self->areas, i)), id) == 0)
      return g_ptr_array_index (self->areas, i);
  return NULL;
}

static const char *
kind_label (WaCustomArea *area)
{
  switch (wa_custom_area_get_kind (area))
    {
    case WA_CUSTOM_AREA_WARDS:
      return _("Wards");
    case WA_CUSTOM_AREA_LSOAS:
      return _("Neighbourhoods");
    case WA_CUSTOM_AREA_POLYGON:
    default:
      return _("Boundary");
    }
}

/* ---- rename ------------------------------------------------------------ */

static void
on_rename_response (AdwMessageDialog *dialog, const char *response, WaMyAreasPopover *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "area-id");
  g_autofree char *path = wa_custom_areas_default_path ();
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "rename"))
    return;
  name = g_strstrip (g_strdup (wa_name_dialog_get_name (GTK_WIDGET (dialog))));
  if (*name == '\0')
    return;
  if (!wa_custom_areas_rename (path, id, name, &error))
    show_error (self, _("Could Not Rename the Area"), error->message);
  wa_my_areas_popover_reload (self);
}

static void
rename_clicked (GtkButton *button, WaMyAreasPopover *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "area-id");
  WaCustomArea *area = lookup (self, id);
  GtkWidget *dialog;

  if (area == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self));
  dialog = wa_name_dialog_new (parent_window (self), _("Rename Area"), NULL,
                               wa_custom_area_get_name (area), "rename", _("_Rename"));
  g_object_set_data_full (G_OBJECT (dialog), "area-id", g_strdup (id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- delete ------------------------------------------------------------ */

static void
on_delete_response (AdwMessageDialog *dialog, const char *response, WaMyAreasPopover *self)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "delete")
      && !wa_my_areas_popover_delete (self, g_object_get_data (G_OBJECT (dialog), "area-id"), &error))
    show_error (self, _("Could Not Delete the Area"), error->message);
}

static void
delete_clicked (GtkButton *button, WaMyAreasPopover *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "area-id");
  WaCustomArea *area = lookup (self, id);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (area == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self));
  heading = g_strdup_printf (_("Delete “%s”?"), wa_custom_area_get_name (area));
  dialog = adw_message_dialog_new (parent_window (self), heading,
                                   _("It is removed from My Areas. Exported files are kept."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data_full (G_OBJECT (dialog), "area-id", g_strdup (id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- export ------------------------------------------------------------ */

static void
on_export_response (GtkNativeDialog *chooser, int response, WaMyAreasPopover *self)
{
  const char *id = g_object_get_data (G_OBJECT (chooser), "area-id");
  WaCustomArea *area = lookup (self, id);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  WaCustomAreaExportFormat format = WA_CUSTOM_AREA_EXPORT_GEOJSON;

  if (response == GTK_RESPONSE_ACCEPT && area != NULL
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL
      && (path = g_file_get_path (file)) != NULL)
    {
      if (g_str_has_suffix (path, ".gpkg") || g_str_has_suffix (path, ".GPKG"))
        format = WA_CUSTOM_AREA_EXPORT_GPKG;
      /* The chooser asked before replacing an existing file. */
      if (!wa_custom_area_export (area, path, format, TRUE, &error))
        show_error (self, _("Could Not Export the Area"), error->message);
      else
        wa_announce (GTK_WIDGET (self), _("Area exported"));
    }
  g_clear_object (&self->chooser);
}

static void
export_clicked (GtkButton *button, WaMyAreasPopover *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "area-id");
  WaCustomArea *area = lookup (self, id);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;
  g_autofree char *name = NULL;

  if (area == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self));
  chooser = gtk_file_chooser_native_new (_("Export Area"), parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("GeoJSON (.geojson)"));
  gtk_file_filter_add_pattern (filter, "*.geojson");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("GeoPackage (.gpkg)"));
  gtk_file_filter_add_pattern (filter, "*.gpkg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  name = g_strdup_printf ("%s.geojson", wa_custom_area_get_name (area));
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data_full (G_OBJECT (chooser), "area-id", g_strdup (id), g_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_response), self, 0);
  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

/* ---- import ------------------------------------------------------------ */

typedef struct {
  char *path;
  char *name_field;
} ImportRequest;

static void
import_request_free (ImportRequest *request)
{
  g_free (request->path);
  g_free (request->name_field);
  g_free (request);
}

static void
import_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ImportRequest *request = task_data;
  g_autofree char *areas_path = wa_custom_areas_default_path ();
  g_autoptr(GPtrArray) areas = NULL;
  GError *error = NULL;

  if (!wa_custom_area_import (request->path, request->name_field, &areas, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < areas->len; i++)
    if (!wa_custom_areas_save (areas_path, g_ptr_array_index (areas, i), &error))
      {
        g_task_return_error (task, error);
        return;
      }
  g_task_return_pointer (task, g_steal_pointer (&areas), (GDestroyNotify) g_ptr_array_unref);
}

void
wa_my_areas_popover_import_async (WaMyAreasPopover *self, const char *path,
                                  const char *name_field, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  ImportRequest *request = g_new0 (ImportRequest, 1);

  g_return_if_fail (WA_IS_MY_AREAS_POPOVER (self));
  request->path = g_strdup (path);
  request->name_field = g_strdup (name_field);
  g_task_set_source_tag (task, wa_my_areas_popover_import_async);
  g_task_set_task_data (task, request, (GDestroyNotify) import_request_free);
  g_task_run_in_thread (task, import_thread);
}

GPtrArray *
wa_my_areas_popover_import_finish (WaMyAreasPopover *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  /* Reload even on failure: an earlier area of the file may be saved. */
  wa_my_areas_popover_reload (self);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_imported (GObject *source, GAsyncResult *result, gpointer user_data)
{
  WaMyAreasPopover *self = WA_MY_AREAS_POPOVER (source);
  g_autoptr(GPtrArray) areas = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (user_data);

  areas = wa_my_areas_popover_import_finish (self, result, &error);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), TRUE);
  if (areas == NULL)
    {
      /* Translators: %s is a file name. */
      g_autofree char *heading = g_strdup_printf (_("Could Not Import “%s”"), base);

      show_error (self, heading, error->message);
    }
  else if (areas->len > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u area imported from %s",
                                                         "%u areas imported from %s", areas->len),
                                               areas->len, base);

      wa_announce (GTK_WIDGET (self), text);
      g_signal_emit (self, signals[SIGNAL_AREA_ACTIVATED], 0, g_ptr_array_index (areas, 0));
    }
  g_free (user_data);
}

static void
start_import (WaMyAreasPopover *self, char *path, const char *name_field)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
  wa_my_areas_popover_import_async (self, path, name_field, NULL, on_imported, path);
}

static void
on_name_field_response (AdwMessageDialog *dialog, const char *response, WaMyAreasPopover *self)
{
  char *path = g_object_steal_data (G_OBJECT (dialog), "path");
  GtkDropDown *fields = g_object_get_data (G_OBJECT (dialog), "fields");
  GtkStringObject *chosen = gtk_drop_down_get_selected_item (fields);

  if (g_str_equal (response, "import") && chosen != NULL)
    start_import (self, path, gtk_string_object_get_string (chosen));
  else
    g_free (path);
}

/* A file with several text fields: the user says which names the areas
 * (the core's guess first chosen); with one or none, no question. */
static void
ask_name_field (WaMyAreasPopover *self, char *path)
{
  g_autoptr(GError) error = NULL;
  int guess = -1;
  g_auto(GStrv) fields = wa_custom_area_dup_name_fields (path, &guess, &error);
  g_autofree char *base = g_path_get_basename (path);
  GtkWidget *dialog, *dropdown;

  if (fields == NULL || g_strv_length (fields) < 2)
    {
      /* An unreadable file: the import says why, naming it. */
      start_import (self, path, NULL);
      return;
    }
  dialog = adw_message_dialog_new (parent_window (self), _("Name the Areas By"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Which field of “%s” holds each area’s name?"), base);
  dropdown = gtk_drop_down_new_from_strings ((const char * const *) fields);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), guess >= 0 ? (guint) guess : 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Name field"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), dropdown);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "path", path, g_free);
  g_object_set_data (G_OBJECT (dialog), "fields", dropdown);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_name_field_response), self, 0);
  self->name_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->name_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_import_response (GtkNativeDialog *chooser, int response, WaMyAreasPopover *self)
{
  g_autoptr(GFile) file = NULL;
  char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL
      && (path = g_file_get_path (file)) != NULL)
    ask_name_field (self, path);
  g_clear_object (&self->chooser);
}

void
wa_my_areas_popover_choose_file (WaMyAreasPopover *self, const char *path)
{
  g_return_if_fail (WA_IS_MY_AREAS_POPOVER (self));
  ask_name_field (self, g_strdup (path));
}

GtkWidget *
wa_my_areas_popover_get_name_dialog (WaMyAreasPopover *self)
{
  g_return_val_if_fail (WA_IS_MY_AREAS_POPOVER (self), NULL);
  return self->name_dialog;
}

static void
import_clicked (WaMyAreasPopover *self)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;

  gtk_popover_popdown (GTK_POPOVER (self));
  chooser = gtk_file_chooser_native_new (_("Import Boundary"), parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Boundary files"));
  gtk_file_filter_add_pattern (filter, "*.geojson");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_pattern (filter, "*.gpkg");
  gtk_file_filter_add_pattern (filter, "*.shp");
  gtk_file_filter_add_pattern (filter, "*.kml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("All files"));
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_response), self, 0);
  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

/* ---- the list ---------------------------------------------------------- */

static GtkWidget *
icon_button (WaMyAreasPopover *self, const char *icon, const char *tooltip, const char *label,
             WaCustomArea *area, GCallback callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);
  g_autofree char *accessible = g_strdup_printf ("%s: %s", label, wa_custom_area_get_name (area));

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_object_set_data_full (G_OBJECT (button), "area-id", g_strdup (wa_custom_area_get_id (area)),
                          g_free);
  g_signal_connect_object (button, "clicked", callback, self, 0);
  return button;
}

static void
on_row_activated (WaMyAreasPopover *self, GtkListBoxRow *row)
{
  WaCustomArea *area = lookup (self, g_object_get_data (G_OBJECT (row), "area-id"));

  if (area == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[SIGNAL_AREA_ACTIVATED], 0, area);
}

void
wa_my_areas_popover_reload (WaMyAreasPopover *self)
{
  g_autofree char *path = wa_custom_areas_default_path ();
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  g_return_if_fail (WA_IS_MY_AREAS_POPOVER (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->areas, g_ptr_array_unref);
  self->areas = wa_custom_areas_load (path, &error);
  if (self->areas == NULL)
    {
      self->areas = g_ptr_array_new_with_free_func (g_object_unref);
      gtk_label_set_text (self->hint_label, error->message);
    }
  else
    gtk_label_set_text (self->hint_label,
                        _("Ctrl+click wards (or, zoomed in, neighbourhoods) on the map and save them, draw an area, or import a boundary file."));
  gtk_widget_set_visible (GTK_WIDGET (self->list), self->areas->len > 0);

  for (guint i = 0; i < self->areas->len; i++)
    {
      WaCustomArea *area = g_ptr_array_index (self->areas, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
      GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *name = gtk_label_new (wa_custom_area_get_name (area));
      GtkWidget *kind = gtk_label_new (kind_label (area));

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (kind), 0);
      gtk_widget_add_css_class (kind, "dim-label");
      gtk_widget_add_css_class (kind, "caption");
      gtk_widget_set_hexpand (labels, TRUE);
      gtk_widget_set_margin_start (labels, 8);
      gtk_widget_set_margin_top (box, 4);
      gtk_widget_set_margin_bottom (box, 4);
      gtk_box_append (GTK_BOX (labels), name);
      gtk_box_append (GTK_BOX (labels), kind);
      gtk_box_append (GTK_BOX (box), labels);
      gtk_box_append (GTK_BOX (box), icon_button (self, "document-edit-symbolic", _("Rename"),
                                                  _("Rename"), area, G_CALLBACK (rename_clicked)));
      gtk_box_append (GTK_BOX (box), icon_button (self, "document-save-as-symbolic",
                                                  _("Export as GeoJSON or GeoPackage"), _("Export"),
                                                  area, G_CALLBACK (export_clicked)));
      gtk_box_append (GTK_BOX (box), icon_button (self, "user-trash-symbolic", _("Delete"),
                                                  _("Delete"), area, G_CALLBACK (delete_clicked)));
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data_full (G_OBJECT (row), "area-id", g_strdup (wa_custom_area_get_id (area)),
                              g_free);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      wa_custom_area_get_name (area), -1);
      gtk_list_box_append (self->list, row);
    }
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

GPtrArray *
wa_my_areas_popover_get_areas (WaMyAreasPopover *self)
{
  g_return_val_if_fail (WA_IS_MY_AREAS_POPOVER (self), NULL);
  return self->areas;
}

GtkWidget *
wa_my_areas_popover_find_row (WaMyAreasPopover *self, const char *id)
{
  g_return_val_if_fail (WA_IS_MY_AREAS_POPOVER (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "area-id"), id) == 0)
      return row;
  return NULL;
}

gboolean
wa_my_areas_popover_delete (WaMyAreasPopover *self, const char *id, GError **error)
{
  g_autofree char *path = wa_custom_areas_default_path ();
  gboolean ok;

  g_return_val_if_fail (WA_IS_MY_AREAS_POPOVER (self), FALSE);
  ok = wa_custom_areas_delete (path, id, error);
  wa_my_areas_popover_reload (self);
  return ok;
}

static void
wa_my_areas_popover_dispose (GObject *object)
{
  WaMyAreasPopover *self = WA_MY_AREAS_POPOVER (object);

  g_clear_pointer (&self->areas, g_ptr_array_unref);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  if (self->name_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->name_dialog), (gpointer *) &self->name_dialog);
      gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->name_dialog)));
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), WA_TYPE_MY_AREAS_POPOVER);
  G_OBJECT_CLASS (wa_my_areas_popover_parent_class)->dispose (object);
}

static void
wa_my_areas_popover_class_init (WaMyAreasPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wa_my_areas_popover_dispose;
  signals[SIGNAL_AREA_ACTIVATED] = g_signal_new ("area-activated", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 1, WA_TYPE_CUSTOM_AREA);
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wardatlas/WardAtlas/wa-my-areas-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, WaMyAreasPopover, list);
  gtk_widget_class_bind_template_child (widget_class, WaMyAreasPopover, hint_label);
  gtk_widget_class_bind_template_child (widget_class, WaMyAreasPopover, import_button);
}

static void
wa_my_areas_popover_init (WaMyAreasPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (on_row_activated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->import_button, "clicked", G_CALLBACK (import_clicked), self,
                           G_CONNECT_SWAPPED);
  wa_my_areas_popover_reload (self);
}
