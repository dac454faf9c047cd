/* wa-name-dialog.h: the dialog that asks the user for a name (saving or
 * renaming a custom area): an entry that activates the suggested
 * response. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A dialog with heading, body (may be NULL), an entry holding initial
 * (may be NULL), and the responses "cancel" and response_id, the default.
 * Connect "response" and read the name with wa_name_dialog_get_name. */
GtkWidget  *wa_name_dialog_new (GtkWindow *parent, const char *heading, const char *body,
                                const char *initial, const char *response_id,
                                const char *response_label);
const char *wa_name_dialog_get_name (GtkWidget *dialog);

G_END_DECLS
