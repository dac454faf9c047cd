/* wa-file-check.c: refuse special files before open() (see wa-file-check.h). */
#include "wa-file-check.h"
#include "wa-error.h"

#include <errno.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>

const char *
wa_file_type_describe (mode_t mode)
{
  if (S_ISDIR (mode))
    return _("a folder");
  if (S_ISFIFO (mode))
    return _("a named pipe (FIFO)");
  if (S_ISSOCK (mode))
    return _("a socket");
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return _("a device");
  if (S_ISREG (mode))
    return _("a file");
  return _("not a regular file");
}

gboolean
wa_check_regular_file (const char *path,
                       GError    **error)
{
  struct stat st;

  if (stat (path, &st) != 0)
    {
      int saved = errno;

      if (saved == ENOENT)
        g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: no such file"), path);
      else
        g_set_error (error, WA_ERROR, WA_ERROR_IO, "%s: %s", path, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: is %s, not a file"),
                   path, wa_file_type_describe (st.st_mode));
      return FALSE;
    }
  return TRUE;
}
