/* wa-pack-chooser.c */
#include <glib/gi18n.h>

#include "wa-pack-chooser.h"

typedef struct {
  WaPackChosenFunc chosen;
  GWeakRef owner;
} Request;

static void
on_response (GtkNativeDialog *chooser, int response, Request *request)
{
  g_autoptr(GObject) owner = g_weak_ref_get (&request->owner);

  if (response == GTK_RESPONSE_ACCEPT && owner != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        request->chosen (owner, path);
    }
  g_weak_ref_clear (&request->owner);
  g_free (request);
  g_object_unref (chooser);
}

void
wa_pack_chooser_show (GtkWindow *parent, const char *title, const char *accept_label,
                      WaPackChosenFunc chosen, GObject *owner)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) packs = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  Request *request = g_new0 (Request, 1);

  request->chosen = chosen;
  g_weak_ref_init (&request->owner, owner);
  chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                         accept_label, _("_Cancel"));
  gtk_file_filter_set_name (packs, _("Ward Atlas data packs"));
  gtk_file_filter_add_pattern (packs, "*.gpkg");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), packs);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_response), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
