/* wa-pack-verify-dialog.c: see wa-pack-verify-dialog.h. The check reads
 * every row of every layer (seconds on a real pack), so it runs in a
 * GTask thread; the dialog only shows the core's report. */
#include "wa-pack-verify-dialog.h"
#include "wa-pack-check.h"

#include <glib/gi18n.h>

struct _WaPackVerifyDialog
{
  AdwMessageDialog parent_instance;

  GtkSpinner *spinner;
  GtkLabel *report_label;
  char *path;
  char *report;
  gboolean running;
};

G_DEFINE_FINAL_TYPE (WaPackVerifyDialog, wa_pack_verify_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum { SIGNAL_FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
verify_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  GError *error = NULL;
  WaPackReport *report = wa_pack_verify (data, &error);

  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) wa_pack_report_free);
}

static void
show_result (WaPackVerifyDialog *self, WaPackReport *report, GError *error)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);

  if (report == NULL)
    {
      adw_message_dialog_set_heading (dialog, _("Cannot Verify Data Pack"));
      adw_message_dialog_set_body (dialog, error->message);
      return;
    }
  self->report = wa_pack_report_format (report);
  gtk_label_set_text (self->report_label, self->report);
  adw_message_dialog_set_heading (dialog, report->error != NULL ? _("Data Pack Damaged")
                                                                : _("Data Pack Intact"));
  adw_message_dialog_set_body (dialog, report->error != NULL
                                       ? report->error->message
                                       : _("Every layer holds the rows its builder wrote."));
}

static void
verify_done (GObject *source, GAsyncResult *result, gpointer data)
{
  WaPackVerifyDialog *self = WA_PACK_VERIFY_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(WaPackReport) report = g_task_propagate_pointer (G_TASK (result), &error);

  self->running = FALSE;
  /* A spinner left spinning keeps the window redrawing (idle CPU). */
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  show_result (self, report, error);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
}

static void
start (WaPackVerifyDialog *self)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, verify_done, NULL);

  self->running = TRUE;
  g_task_set_task_data (task, g_strdup (self->path), g_free);
  g_task_run_in_thread (task, verify_in_thread);
}

WaPackVerifyDialog *
wa_pack_verify_dialog_new (GtkWindow *parent, const char *path)
{
  WaPackVerifyDialog *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (WA_TYPE_PACK_VERIFY_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  self->path = g_strdup (path);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), path);
  start (self);
  return self;
}

gboolean
wa_pack_verify_dialog_is_running (WaPackVerifyDialog *self)
{
  g_return_val_if_fail (WA_IS_PACK_VERIFY_DIALOG (self), FALSE);
  return self->running;
}

const char *
wa_pack_verify_dialog_get_report (WaPackVerifyDialog *self)
{
  g_return_val_if_fail (WA_IS_PACK_VERIFY_DIALOG (self), NULL);
  return self->report;
}

static void
wa_pack_verify_dialog_finalize (GObject *object)
{
  WaPackVerifyDialog *self = WA_PACK_VERIFY_DIALOG (object);

  g_free (self->path);
  g_free (self->report);
  G_OBJECT_CLASS (wa_pack_verify_dialog_parent_class)->finalize (object);
}

static void
wa_pack_verify_dialog_class_init (WaPackVerifyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = wa_pack_verify_dialog_finalize;
  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wardatlas/WardAtlas/wa-pack-verify-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WaPackVerifyDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, WaPackVerifyDialog, report_label);
}

static void
wa_pack_verify_dialog_init (WaPackVerifyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
