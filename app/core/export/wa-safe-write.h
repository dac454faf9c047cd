/* wa-safe-write.h: the one way the app and the CLI write a file.
 *
 * The bytes go to a temporary file beside the target (same folder, so the
 * rename cannot cross file systems), are flushed to disk, and only then is
 * the temporary file renamed over the target and the folder flushed so the
 * rename itself survives a power cut. On any failure the temporary file is
 * removed and the target is left as it was; the error (WA_ERROR_IO) names
 * the file and says why in words: a full disk, a folder that may not be
 * written, a folder that does not exist. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Refuses, naming the file, when path exists and replace is FALSE:
 * callers ask the user first, or take --force. */
gboolean     wa_safe_write_bytes  (const char *path, const void *data, gsize len,
                                   gboolean replace, GError **error);

/* For writers that produce their output in pieces. */
typedef struct _WaSafeWrite WaSafeWrite;

WaSafeWrite *wa_safe_write_begin  (const char *path, gboolean replace, GError **error);
gboolean     wa_safe_write_append (WaSafeWrite *self, const void *data, gsize len,
                                   GError **error);
/* Flushes and renames into place; frees write whatever the outcome. */
gboolean     wa_safe_write_commit (WaSafeWrite *self, GError **error);
/* Removes the temporary file; the target is untouched. */
void         wa_safe_write_abort  (WaSafeWrite *self);

/* For files another library (GDAL) has already written to tmp_path, which
 * must lie in final_path's folder: flushes tmp_path, renames it over
 * final_path and flushes the folder. tmp_path is removed on failure. */
gboolean     wa_safe_write_commit_file (const char *tmp_path, const char *final_path,
                                        GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaSafeWrite, wa_safe_write_abort)

G_END_DECLS
