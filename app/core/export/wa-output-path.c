/* wa-output-path.c: the checks made before any output is written (see
 * wa-output-path.h). */
#include "wa-output-path.h"
#include "wa-error.h"
#include "wa-file-check.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

/* Enough to tell the kinds apart and to see binary bytes in a text file. */
#define SNIFF_BYTES 4096

typedef enum {
  LOOKS_EMPTY,
  LOOKS_PACK,
  LOOKS_SQLITE,
  LOOKS_PDF,
  LOOKS_PNG,
  LOOKS_TEXT,
  LOOKS_BINARY,
} Looks;

/* O_NONBLOCK: the path was a regular file when stat() looked, but it
 * could have become a FIFO since; reading must never block. */
static gssize
read_head (const char *path, guchar *buffer, gsize size)
{
  int fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  gssize n;

  if (fd < 0)
    return -1;
  n = read (fd, buffer, size);
  close (fd);
  return n;
}

static Looks
classify (const guchar *head, gssize n)
{
  static const guchar sqlite_magic[] = "SQLite format 3";
  static const guchar png_magic[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  if (n <= 0)
    return LOOKS_EMPTY;
  if (n >= 72 && memcmp (head, sqlite_magic, sizeof sqlite_magic) == 0)
    /* GeoPackages set SQLite's application_id (offset 68) to "GPKG". */
    return memcmp (head + 68, "GPKG", 4) == 0 ? LOOKS_PACK : LOOKS_SQLITE;
  if (n >= 5 && memcmp (head, "%PDF-", 5) == 0)
    return LOOKS_PDF;
  if (n >= (gssize) sizeof png_magic && memcmp (head, png_magic, sizeof png_magic) == 0)
    return LOOKS_PNG;
  /* Text: no NUL byte. Windows-1252 spreadsheets' CSVs are text too, so
   * valid UTF-8 is not required. */
  return memchr (head, '\0', n) == NULL ? LOOKS_TEXT : LOOKS_BINARY;
}

static Looks
looks_like (const char *path)
{
  guchar head[SNIFF_BYTES];

  return classify (head, read_head (path, head, sizeof head));
}

static const char *
describe_looks (Looks looks)
{
  switch (looks)
    {
    case LOOKS_EMPTY:  return _("an empty file");
    case LOOKS_PACK:   return _("a GeoPackage");
    case LOOKS_SQLITE: return _("an SQLite database");
    case LOOKS_PDF:    return _("a PDF document");
    case LOOKS_PNG:    return _("a PNG image");
    case LOOKS_TEXT:   return _("a text file");
    case LOOKS_BINARY:
    default:           return _("a binary file");
    }
}

static const char *
describe_kind (WaOutputKind kind)
{
  switch (kind)
    {
    case WA_OUTPUT_PACK: return _("a data pack");
    case WA_OUTPUT_PDF:  return _("a PDF document");
    case WA_OUTPUT_PNG:  return _("a PNG image");
    case WA_OUTPUT_TEXT:
    default:             return _("a text file");
    }
}

static gboolean
kind_matches (WaOutputKind kind, Looks looks)
{
  switch (kind)
    {
    case WA_OUTPUT_PACK: return looks == LOOKS_PACK || looks == LOOKS_EMPTY;
    case WA_OUTPUT_PDF:  return looks == LOOKS_PDF || looks == LOOKS_EMPTY;
    case WA_OUTPUT_PNG:  return looks == LOOKS_PNG || looks == LOOKS_EMPTY;
    case WA_OUTPUT_TEXT:
    default:             return looks == LOOKS_TEXT || looks == LOOKS_EMPTY;
    }
}

char *
wa_output_path_describe (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);
  return g_strdup (describe_looks (looks_like (path)));
}

static gboolean
is_input (const struct stat *target, const char *const *inputs, const char **out_input)
{
  for (guint i = 0; inputs != NULL && inputs[i] != NULL; i++)
    {
      struct stat st;

      if (stat (inputs[i], &st) == 0 && st.st_dev == target->st_dev && st.st_ino == target->st_ino)
        {
          *out_input = inputs[i];
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
wa_output_path_check (const char         *path,
                      WaOutputKind        kind,
                      const char *const  *inputs,
                      gboolean            force,
                      GError            **error)
{
  const char *input = NULL;
  struct stat st;
  Looks looks;

  g_return_val_if_fail (path != NULL, FALSE);

  if (stat (path, &st) != 0)
    {
      int saved = errno;

      if (saved == ENOENT)
        return TRUE;   /* a new file: the writer reports a missing folder */
      g_set_error (error, WA_ERROR, WA_ERROR_IO, "%s: %s", path, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO,
                   _("%s: is %s; outputs are written only to regular files"),
                   path, wa_file_type_describe (st.st_mode));
      return FALSE;
    }
  if (is_input (&st, inputs, &input))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO,
                   _("%s: is an input of this command (%s); choose another output file"),
                   path, input);
      return FALSE;
    }
  looks = looks_like (path);
  if (!force && !kind_matches (kind, looks))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO,
                   _("%s: exists and is %s, not %s; use --force to replace it"),
                   path, describe_looks (looks), describe_kind (kind));
      return FALSE;
    }
  return TRUE;
}
