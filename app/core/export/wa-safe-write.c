/* wa-safe-write.c: temporary file, fsync, rename, folder fsync; see the
 * header for the promise this keeps. */
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "wa-error.h"
#include "wa-safe-write.h"

#define TMP_SUFFIX ".tmp-XXXXXX"

struct _WaSafeWrite {
  char *path;
  char *tmp_path;
  int fd;
};

/* The reason in words a user can act on, the file named first. */
static void
set_errno_error (GError **error, const char *path, int saved_errno)
{
  g_autofree char *folder = g_path_get_dirname (path);

  switch (saved_errno)
    {
    case ENOSPC:
    case EDQUOT:
      g_set_error (error, WA_ERROR, WA_ERROR_IO,
                   _("%s: cannot write: the disk is full"), path);
      break;
    case EACCES:
    case EPERM:
    case EROFS:
      g_set_error (error, WA_ERROR, WA_ERROR_IO,
                   _("%s: cannot write: permission denied in folder %s"), path, folder);
      break;
    case ENOENT:
    case ENOTDIR:
      g_set_error (error, WA_ERROR, WA_ERROR_IO,
                   _("%s: cannot write: folder %s does not exist"), path, folder);
      break;
    default:
      g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot write: %s"), path,
                   g_strerror (saved_errno));
      break;
    }
}

static gboolean
fsync_fd (int fd)
{
  /* Some file systems (FUSE mounts) cannot fsync and say so with EINVAL:
   * nothing more can be done there. */
  return fsync (fd) == 0 || errno == EINVAL;
}

/* Makes a rename in folder durable. */
static gboolean
fsync_folder (const char *path, GError **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int fd = g_open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  int saved_errno;

  if (fd >= 0 && fsync_fd (fd))
    {
      close (fd);
      return TRUE;
    }
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  set_errno_error (error, path, saved_errno);
  return FALSE;
}

static gboolean
check_replace (const char *path, gboolean replace, GError **error)
{
  if (!replace && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO,
                   _("%s: the file already exists and was left as it is"), path);
      return FALSE;
    }
  return TRUE;
}

WaSafeWrite *
wa_safe_write_begin (const char *path, gboolean replace, GError **error)
{
  g_autofree char *tmp_path = NULL;
  WaSafeWrite *self;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  if (!check_replace (path, replace, error))
    return NULL;
  tmp_path = g_strconcat (path, TMP_SUFFIX, NULL);
  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      set_errno_error (error, path, errno);
      return NULL;
    }
  self = g_new0 (WaSafeWrite, 1);
  self->path = g_strdup (path);
  self->tmp_path = g_steal_pointer (&tmp_path);
  self->fd = fd;
  return self;
}

gboolean
wa_safe_write_append (WaSafeWrite *self, const void *data, gsize len, GError **error)
{
  const char *p = data;

  g_return_val_if_fail (self != NULL && self->fd >= 0, FALSE);

  while (len > 0)
    {
      gssize n = write (self->fd, p, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          /* A write that stops short without an error is a full disk. */
          set_errno_error (error, self->path, n < 0 ? errno : ENOSPC);
          return FALSE;
        }
      p += n;
      len -= (gsize) n;
    }
  return TRUE;
}

void
wa_safe_write_abort (WaSafeWrite *self)
{
  if (self == NULL)
    return;
  if (self->fd >= 0)
    close (self->fd);
  if (self->tmp_path != NULL)
    g_unlink (self->tmp_path);
  g_free (self->tmp_path);
  g_free (self->path);
  g_free (self);
}

/* Renames tmp_path over path and flushes the folder; removes tmp_path if
 * the rename fails. */
static gboolean
rename_into_place (const char *tmp_path, const char *path, GError **error)
{
  if (g_rename (tmp_path, path) != 0)
    {
      set_errno_error (error, path, errno);
      g_unlink (tmp_path);
      return FALSE;
    }
  return fsync_folder (path, error);
}

gboolean
wa_safe_write_commit (WaSafeWrite *self, GError **error)
{
  g_autoptr(WaSafeWrite) owned = self;
  g_autofree char *tmp_path = NULL;
  gboolean synced;
  int fd;

  g_return_val_if_fail (self != NULL && self->fd >= 0, FALSE);

  fd = self->fd;
  self->fd = -1;
  synced = fsync_fd (fd);
  /* close() reports the errors of delayed writes on NFS. */
  if (close (fd) != 0 || !synced)
    {
      set_errno_error (error, self->path, errno);
      return FALSE;
    }
  /* From here rename_into_place removes the temporary file on failure. */
  tmp_path = g_steal_pointer (&self->tmp_path);
  return rename_into_place (tmp_path, self->path, error);
}

gboolean
wa_safe_write_bytes (const char *path, const void *data, gsize len, gboolean replace,
                     GError **error)
{
  g_autoptr(WaSafeWrite) self = NULL;

  g_return_val_if_fail (path != NULL && (data != NULL || len == 0), FALSE);

  self = wa_safe_write_begin (path, replace, error);
  if (self == NULL || !wa_safe_write_append (self, data, len, error))
    return FALSE;
  return wa_safe_write_commit (g_steal_pointer (&self), error);
}

gboolean
wa_safe_write_commit_file (const char *tmp_path, const char *final_path, GError **error)
{
  int fd;

  g_return_val_if_fail (tmp_path != NULL && final_path != NULL, FALSE);

  fd = g_open (tmp_path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || !fsync_fd (fd))
    {
      int saved_errno = errno;

      /* A temporary file that cannot be opened is the one to name. */
      set_errno_error (error, fd >= 0 ? final_path : tmp_path, saved_errno);
      if (fd >= 0)
        close (fd);
      g_unlink (tmp_path);
      return FALSE;
    }
  close (fd);
  return rename_into_place (tmp_path, final_path, error);
}
