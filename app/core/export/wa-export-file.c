/* wa-export-file.c */
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "wa-error.h"
#include "wa-export-file.h"

gboolean
wa_export_file_write (const char *path, const void *data, gsize len, gboolean replace,
                      GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!replace && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO,
                   _("%s: the file already exists and was left as it is"), path);
      return FALSE;
    }
  dir = g_path_get_dirname (path);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot write: folder %s does not exist"),
                   path, dir);
      return FALSE;
    }
  /* CONSISTENT writes a temporary file in the same folder and renames it;
   * DURABLE fsyncs it first, so a crash cannot leave an empty file. */
  if (!g_file_set_contents_full (path, data, (gssize) len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0644, &local))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot write: %s"), path, local->message);
      return FALSE;
    }
  return TRUE;
}
