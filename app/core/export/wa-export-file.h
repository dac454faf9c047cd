/* wa-export-file.h: writing a user's export (PDF, PNG, CSV, JSON) safely.
 * The bytes go to a temporary file beside the target, are flushed to disk
 * and only then renamed over it: an interrupted or failed export never
 * leaves a partial file or damages the one that was there. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Refuses (WA_ERROR_IO, naming the file) when path exists and replace is
 * FALSE; callers ask the user first, or take --force. */
gboolean wa_export_file_write (const char *path, const void *data, gsize len,
                               gboolean replace, GError **error);

G_END_DECLS
