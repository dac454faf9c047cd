/* wa-pack-verify-dialog.h: the full check of a pack that failed to open
 * (`ward-atlas-cli verify` in a dialog), run off the main thread. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WA_TYPE_PACK_VERIFY_DIALOG (wa_pack_verify_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WaPackVerifyDialog, wa_pack_verify_dialog, WA, PACK_VERIFY_DIALOG, AdwMessageDialog)

/* Starts checking PATH at once; the heading and body give the verdict and
 * the report lists every layer when the check ends ("finished"). */
WaPackVerifyDialog *wa_pack_verify_dialog_new        (GtkWindow *parent, const char *path);
gboolean            wa_pack_verify_dialog_is_running (WaPackVerifyDialog *self);
/* The per-layer report, or NULL while running or when nothing could be checked. */
const char         *wa_pack_verify_dialog_get_report (WaPackVerifyDialog *self);

G_END_DECLS
